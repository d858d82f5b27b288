importScripts('hash-wasm-sha256.js');
self.onmessage = async (event) => {
  const file = event.data;
  const hasher = await self.hashwasm.createSHA256();
  const t0 = performance.now();
  hasher.init();
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
  }
  const hex = hasher.digest('hex');
  self.postMessage({ ms: performance.now() - t0, hex });
};
