// The intake benchmark's reference, run in the same Chromium as the intake: read the chosen
// File as a stream in a worker and hash it with hash-wasm's SHA-256 (the one the app uses),
// no encryption and no storage. window.hashChosenFile() resolves { ms, hex }.
window.hashChosenFile = () =>
  new Promise((resolve, reject) => {
    const worker = new Worker('hash-reference.worker.js');
    worker.onmessage = (event) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(document.getElementById('file').files[0]);
  });

// window.sealChosenFile() resolves { ms, bytes }: the same File sealed with WebCrypto's
// AES-256-GCM in a worker (seal-reference.worker.js).
window.sealChosenFile = () =>
  new Promise((resolve, reject) => {
    const worker = new Worker('seal-reference.worker.js');
    worker.onmessage = (event) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(document.getElementById('file').files[0]);
  });
