/**
 * A help entry's web address as a link target: "police.uk" → "https://police.uk". Only
 * https, and only something that looks like an address; anything else stays plain text.
 */
export function webHref(address: string): string | undefined {
  const text = address.trim();
  const withScheme = /^https:\/\//i.test(text)
    ? text
    : /^[a-z]+:/i.test(text)
      ? ''
      : `https://${text}`;
  if (!withScheme) return undefined;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'https:' && /\.[a-z]{2,}$/i.test(url.hostname) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
