/**
 * Names inside a bundle. Every path must unzip to the same place on Windows, macOS and Linux,
 * read the same in `sha256sum -c` (no escapes), and never leave the folder it is unzipped into.
 */

/** Longest file name we make, in UTF-8 bytes: 255 is the common limit, and `.json` is added. */
export const MAX_NAME_BYTES = 150;
const MAX_PATH_BYTES = 400;

// C0/C1 controls, DEL, and invisible format characters (bidi overrides can disguise an
// extension: "photo\u202Egpj.exe" displays as "photoexe.jpg").
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;
// Separators and what Windows refuses in a name.
const HOSTILE = /[/\\:*?"<>|]/g;

const encoder = new TextEncoder();
const utf8Length = (text: string) => encoder.encode(text).length;

/**
 * A path that is safe to unzip and to list in `sha256sum` format: relative, forward slashes,
 * no `.`/`..`/empty segment, no control or invisible characters, no characters Windows
 * refuses, no segment ending in a space or dot, within length limits.
 */
export function isSafeBundlePath(path: string): boolean {
  if (path.length === 0 || utf8Length(path) > MAX_PATH_BYTES) return false;
  if (path !== path.normalize('NFC')) return false;
  return path
    .split('/')
    .every(
      (segment) =>
        segment.length > 0 &&
        segment !== '.' &&
        segment !== '..' &&
        !/[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029\\:*?"<>|]/u.test(segment) &&
        !/[ .]$/.test(segment) &&
        !segment.startsWith(' ') &&
        utf8Length(segment) <= 255,
    );
}

/** An exhibit reference as a name part: `JD/3` becomes `JD-3`. */
export function refForName(ref: string): string {
  const cleaned = ref
    .normalize('NFC')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24);
  return cleaned.length > 0 ? cleaned : 'exhibit';
}

/** Cuts text to at most `bytes` UTF-8 bytes without splitting a character. */
function cutToBytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = utf8Length(char);
    if (used + size > bytes) break;
    out += char;
    used += size;
  }
  return out;
}

/** A tidy, single-segment version of a person's file name, keeping a short extension. */
export function cleanFileName(name: string, maxBytes: number): string {
  // A name with separators is a path: its last part is the name (the sidecar keeps it whole).
  const last =
    name
      .split(/[/\\]/)
      .filter((part) => part.length > 0)
      .pop() ?? '';
  let cleaned = last
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(HOSTILE, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .replace(/^[ .]+|[ .]+$/g, '');
  if (cleaned.length === 0) cleaned = 'file';
  const dot = cleaned.lastIndexOf('.');
  const extension =
    dot > 0 && /^\.[\p{L}\p{N}]{1,10}$/u.test(cleaned.slice(dot)) ? cleaned.slice(dot) : '';
  const stem = extension ? cleaned.slice(0, dot) : cleaned;
  const cut = cutToBytes(stem, maxBytes - utf8Length(extension)).replace(/[ .]+$/, '');
  return `${cut.length > 0 ? cut : 'file'}${extension}`;
}

/**
 * Assigns each exhibit a unique name `<ref>_<original name>` (one folder's worth). Uniqueness is
 * case-insensitive, because Windows and macOS folders are: a clash gets `~2`, `~3` before
 * the extension.
 */
export function evidenceNames(
  items: readonly { readonly ref: string; readonly originalName: string }[],
): string[] {
  const used = new Set<string>();
  return items.map(({ ref, originalName }) => {
    const prefix = `${refForName(ref)}_`;
    const base = cleanFileName(originalName, MAX_NAME_BYTES - utf8Length(prefix) - 4);
    const dot = base.lastIndexOf('.');
    const [stem, extension] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
    for (let n = 1; ; n += 1) {
      const name = `${prefix}${n === 1 ? stem : `${stem}~${n}`}${extension}`;
      if (!used.has(name.toLowerCase())) {
        used.add(name.toLowerCase());
        return name;
      }
    }
  });
}
