// The intake benchmark's second reference, in the same Chromium: read the chosen File in
// 512 KiB chunks (the size the app seals in the browser, BROWSER_CHUNK_SIZE) and seal each
// with WebCrypto's AES-256-GCM, four in flight as the app keeps them; no hashing and no
// storage. Shows what this browser's AES-GCM alone costs for the file. It reads as the app does
// (BYOB, read-file.js) into one reused chunk buffer, as encryptBlob does: WebCrypto copies its
// input when called. Replies { ms, bytes }.
importScripts('read-file.js');
const CHUNK = 512 * 1024;
const IN_FLIGHT = 4;
self.onmessage = async (event) => {
  const { file } = event.data;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const t0 = performance.now();
  let bytes = 0;
  let index = 0;
  const inFlight = [];
  const pending = new Uint8Array(CHUNK);
  let filled = 0;
  const flush = async () => {
    // Room for this chunk first, so up to IN_FLIGHT are being sealed while the next is read.
    if (inFlight.length >= IN_FLIGHT) bytes += (await inFlight.shift()).byteLength;
    const iv = new Uint8Array(12);
    new DataView(iv.buffer).setUint32(8, index++);
    inFlight.push(crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, pending.subarray(0, filled)));
    filled = 0;
  };
  for await (const value of self.filePieces(file, true)) {
    let at = 0;
    while (at < value.length) {
      const n = Math.min(CHUNK - filled, value.length - at);
      pending.set(value.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === CHUNK) await flush();
    }
  }
  if (filled > 0) await flush();
  for (const sealed of inFlight) bytes += (await sealed).byteLength;
  self.postMessage({ ms: performance.now() - t0, bytes });
};
