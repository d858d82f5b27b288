/**
 * Bytes of a text export as a string: UTF-8 (a BOM is dropped) or UTF-16 with its BOM.
 * Malformed UTF-8 becomes U+FFFD rather than failing: the original bytes stay the evidence.
 */
export function decodeText(bytes: Uint8Array): { text: string; malformed: boolean } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), malformed: false };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), malformed: false };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), malformed: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), malformed: true };
  }
}
