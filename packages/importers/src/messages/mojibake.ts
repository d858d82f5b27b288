const fatal = new TextDecoder('utf-8', { fatal: true });

/**
 * Repairs text Meta's "Download your information" writes as Latin-1-read UTF-8 (each UTF-8
 * byte as its own `\u00XX`): when every code unit is ≤ 0xFF and one is ≥ 0x80, the units are
 * taken as bytes and decoded as UTF-8; if that is not valid UTF-8 the text is kept as it was.
 * `Rados\u00c5\u0082aw` → `Radosław`.
 */
export function repairMojibake(s: string): string {
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s;
    if (c >= 0x80) high = true;
  }
  if (!high) return s;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  try {
    return fatal.decode(bytes);
  } catch {
    return s;
  }
}
