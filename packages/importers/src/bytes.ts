/** True when `bytes` holds `signature` (bytes or Latin-1 text) at `offset`. */
export function startsWith(bytes: Uint8Array, signature: string | readonly number[], offset = 0) {
  const sig =
    typeof signature === 'string' ? [...signature].map((c) => c.charCodeAt(0)) : signature;
  if (offset + sig.length > bytes.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

/** Latin-1 view of a byte range: safe for any bytes, handy for finding ASCII markers. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let i = start; i < Math.min(end, bytes.length); i += 1) {
    out += String.fromCharCode(bytes[i] ?? 0);
  }
  return out;
}
