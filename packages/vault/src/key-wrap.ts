import { z } from 'zod';
import { fromBase64, toBase64, utf8 } from './encoding';
import { getSodium } from './sodium';

/** A key wrapped with XChaCha20-Poly1305; `purpose` is bound as associated data. */
export const WrappedKeySchema = z.object({ nonce: z.string(), ct: z.string() });
export type WrappedKey = z.infer<typeof WrappedKeySchema>;

export async function wrapKey(
  key: Uint8Array,
  kek: Uint8Array,
  purpose: string,
): Promise<WrappedKey> {
  const sodium = await getSodium();
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    key,
    utf8(purpose),
    null,
    nonce,
    kek,
  );
  return { nonce: toBase64(nonce), ct: toBase64(ct) };
}

/** Returns undefined when the key does not open it (wrong passphrase, wrong purpose or altered). */
export async function unwrapKey(
  wrapped: WrappedKey,
  kek: Uint8Array,
  purpose: string,
): Promise<Uint8Array | undefined> {
  const sodium = await getSodium();
  const nonce = fromBase64(wrapped.nonce);
  const ct = fromBase64(wrapped.ct);
  if (!nonce || !ct || nonce.length !== sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES) {
    return undefined;
  }
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ct, utf8(purpose), nonce, kek);
  } catch {
    return undefined;
  }
}
