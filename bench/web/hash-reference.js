// The intake benchmark's references, run in the same Chromium as the intake, each in a worker
// over the chosen File: window.hashChosenFile() resolves { ms, hex } (hash-wasm's SHA-256, the
// one the app uses; hash-reference.worker.js; window.hashChosenFileAsTheAppReads() the same,
// reading as the app does), window.sealChosenFile() resolves { ms, bytes }
// (WebCrypto's AES-256-GCM; seal-reference.worker.js). No storage in either.
const overChosenFile = (script, options = {}) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(script);
    worker.onmessage = (event) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage({ file: document.getElementById('file').files[0], ...options });
  });
window.hashChosenFile = () => overChosenFile('hash-reference.worker.js');
window.hashChosenFileAsTheAppReads = () =>
  overChosenFile('hash-reference.worker.js', { byob: true });
window.sealChosenFile = () => overChosenFile('seal-reference.worker.js');
