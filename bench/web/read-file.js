// Shared by the reference workers (importScripts): the chosen File's bytes, piece by piece.
// `byob` reads as the app does (apps/web/src/worker/file-pieces.ts: a BYOB reader and one reused
// 1 MiB buffer, each piece valid until the next is asked for); otherwise the default reader's
// pieces, as the references always read until 2026-12-07 (4-5 times slower to read in this
// Chromium: bench/file-read-web.mjs).
self.filePieces = async function* filePieces(file, byob) {
  if (!byob) {
    const reader = file.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  }
  const reader = file.stream().getReader({ mode: 'byob' });
  let buffer = new ArrayBuffer(1024 * 1024);
  for (;;) {
    const { done, value } = await reader.read(new Uint8Array(buffer));
    if (done) return;
    buffer = value.buffer;
    yield value;
  }
};
