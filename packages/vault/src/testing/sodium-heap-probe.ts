/** Child process for sodium-heap.test.ts: is a key still in libsodium's heap before and after the wipe? */
import { getSodium, wipeSodiumHeap } from '../sodium';
import { heapContains as contains } from './heap-probe';

const sodium = await getSodium();
const key = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
const nonce = sodium.randombytes_buf(24);
// Using the key copies it into the heap; libsodium.js frees that copy without zeroing it.
sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(new Uint8Array(32), null, null, nonce, key);
const heap = () => (sodium as unknown as { libsodium: { HEAPU8: Uint8Array } }).libsodium.HEAPU8;
const before = contains(heap(), key);
const wiped = await wipeSodiumHeap();
const after = contains(heap(), key);
process.stdout.write(JSON.stringify({ before, after, wiped }));
