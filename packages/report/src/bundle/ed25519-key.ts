/**
 * An Ed25519 public key as a SubjectPublicKeyInfo PEM, the form `openssl pkeyutl -pubin`
 * reads: the fixed 12-byte DER prefix (SEQUENCE, AlgorithmIdentifier 1.3.101.112, BIT STRING)
 * then the 32 raw key bytes.
 */
const SPKI_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);

const BEGIN = '-----BEGIN PUBLIC KEY-----';
const END = '-----END PUBLIC KEY-----';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export function publicKeyPem(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new TypeError('An Ed25519 public key is 32 bytes.');
  const der = new Uint8Array(44);
  der.set(SPKI_PREFIX);
  der.set(publicKey, 12);
  return `${BEGIN}\n${toBase64(der)}\n${END}\n`;
}

/** The 32 raw key bytes of an Ed25519 SPKI PEM, or undefined for anything else. */
export function parsePublicKeyPem(text: string): Uint8Array | undefined {
  const match =
    /^\s*-----BEGIN PUBLIC KEY-----\s+([A-Za-z0-9+/=\s]+?)\s*-----END PUBLIC KEY-----\s*$/.exec(
      text,
    );
  const der = match?.[1] ? fromBase64(match[1].replace(/\s+/g, '')) : undefined;
  if (der?.length !== 44) return undefined;
  if (!SPKI_PREFIX.every((byte, i) => der[i] === byte)) return undefined;
  return der.slice(12);
}
