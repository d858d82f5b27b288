import { envelopeParts, type Opened, openEnvelope, PAD_BLOCK, parseOpened } from './envelope';
import { getSodium, type Sodium } from './sodium';
import type { Envelope } from './types';

/**
 * libsodium's own C functions, as its WebAssembly module exports them. libsodium-wrappers
 * copies the key, nonce, associated data and ciphertext into that heap and the plaintext out
 * again on every call, then once more to unpad, with a malloc and free for each; opening the
 * 10,000 envelopes of a timeline that way cost more than the decryption itself. The same
 * functions are called here with the key copied in once per batch. Nothing else changes: the
 * same primitive, key, nonce, associated data and padding (envelope.ts says what they are).
 */
interface RawSodium {
  readonly HEAPU8: Uint8Array;
  _malloc(bytes: number): number;
  _free(address: number): void;
  _crypto_aead_xchacha20poly1305_ietf_decrypt(
    m: number,
    mlenP: number,
    nsec: number,
    c: number,
    clenLow: number,
    clenHigh: number,
    ad: number,
    adlenLow: number,
    adlenHigh: number,
    npub: number,
    k: number,
  ): number;
  _sodium_unpad(unpaddedLenP: number, buf: number, paddedLen: number, blockSize: number): number;
}

const KEY_BYTES = 32;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;

function rawSodium(sodium: Sodium): RawSodium | undefined {
  const raw = (sodium as unknown as { libsodium?: Partial<RawSodium> }).libsodium;
  const ok =
    raw?.HEAPU8 instanceof Uint8Array &&
    typeof raw._malloc === 'function' &&
    typeof raw._free === 'function' &&
    typeof raw._crypto_aead_xchacha20poly1305_ietf_decrypt === 'function' &&
    typeof raw._sodium_unpad === 'function';
  return ok ? (raw as RawSodium) : undefined;
}

/**
 * Opens many envelopes under one key, in order. Each result is what `openEnvelope` gives for
 * that envelope: undefined when it fails authentication. Every byte this puts in libsodium's
 * heap (the key, ciphertexts, plaintexts) is zeroed before it is freed.
 */
export async function openEnvelopes(
  key: Uint8Array,
  envelopes: readonly Envelope[],
): Promise<(Opened | undefined)[]> {
  const sodium = await getSodium();
  const raw = rawSodium(sodium);
  if (!raw || key.length !== KEY_BYTES) {
    const opened: (Opened | undefined)[] = [];
    for (const envelope of envelopes) opened.push(await openEnvelope(key, envelope));
    return opened;
  }
  const heap = new HeapOpener(raw, key);
  try {
    return envelopes.map((envelope) => heap.open(envelope));
  } finally {
    heap.dispose();
  }
}

/** One key in libsodium's heap and a scratch region that grows to the largest envelope. */
class HeapOpener {
  readonly #raw: RawSodium;
  // key (32) | nonce (24) | unpadded length (4, size_t in wasm32) | padding to 64
  readonly #fixed: number;
  #scratch = 0;
  #capacity = 0;

  constructor(raw: RawSodium, key: Uint8Array) {
    this.#raw = raw;
    this.#fixed = this.#alloc(64);
    raw.HEAPU8.set(key, this.#fixed);
  }

  open(envelope: Envelope): Opened | undefined {
    const parts = envelopeParts(envelope);
    if (!parts || parts.ct.length < TAG_BYTES) return undefined;
    const { nonce, ct, ad } = parts;
    const plainBytes = ct.length - TAG_BYTES;
    this.#reserve(ct.length + ad.length + plainBytes);
    const raw = this.#raw;
    const c = this.#scratch;
    const a = c + ct.length;
    const m = a + ad.length;
    const npub = this.#fixed + KEY_BYTES;
    const lenP = npub + NONCE_BYTES;
    let memory = raw.HEAPU8;
    memory.set(ct, c);
    memory.set(ad, a);
    memory.set(nonce, npub);
    const failed = raw._crypto_aead_xchacha20poly1305_ietf_decrypt(
      m,
      0,
      0,
      c,
      ct.length,
      0,
      a,
      ad.length,
      0,
      npub,
      this.#fixed,
    );
    if (failed !== 0) return undefined;
    if (raw._sodium_unpad(lenP, m, plainBytes, PAD_BLOCK) !== 0) return undefined;
    memory = raw.HEAPU8;
    const length =
      (memory[lenP] as number) |
      ((memory[lenP + 1] as number) << 8) |
      ((memory[lenP + 2] as number) << 16) |
      ((memory[lenP + 3] as number) << 24);
    return parseOpened(memory.slice(m, m + (length >>> 0)));
  }

  dispose(): void {
    this.#release();
    this.#raw.HEAPU8.fill(0, this.#fixed, this.#fixed + 64);
    this.#raw._free(this.#fixed);
  }

  #reserve(bytes: number): void {
    if (bytes <= this.#capacity) return;
    this.#release();
    const capacity = Math.max(bytes, 2 * this.#capacity, 4096);
    this.#scratch = this.#alloc(capacity);
    this.#capacity = capacity;
  }

  #release(): void {
    if (!this.#scratch) return;
    this.#raw.HEAPU8.fill(0, this.#scratch, this.#scratch + this.#capacity);
    this.#raw._free(this.#scratch);
    this.#scratch = 0;
    this.#capacity = 0;
  }

  #alloc(bytes: number): number {
    const address = this.#raw._malloc(bytes);
    if (!address) throw new Error('libsodium could not allocate memory');
    return address;
  }
}
