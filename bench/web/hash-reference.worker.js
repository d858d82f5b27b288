importScripts('hash-wasm-sha256.js', 'read-file.js');
self.onmessage = async (event) => {
  const { file, byob } = event.data;
  const hasher = await self.hashwasm.createSHA256();
  const t0 = performance.now();
  hasher.init();
  for await (const piece of self.filePieces(file, byob)) hasher.update(piece);
  const hex = hasher.digest('hex');
  self.postMessage({ ms: performance.now() - t0, hex });
};
