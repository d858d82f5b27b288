import type { Sha256Factory } from './types';

/** The manifest, its signature and the key: the three files the manifest cannot list. */
export const MANIFEST_PATH = 'MANIFEST.sha256';
export const SIGNATURE_PATH = 'MANIFEST.sha256.sig';
export const PUBLIC_KEY_PATH = 'pubkey.pem';

export interface ManifestLine {
  readonly sha256: string;
  readonly path: string;
}

/**
 * `sha256sum` text format: `<64 lower-case hex>␠␠<path>\n`, one line a file, sorted by path
 * so the same files always give the same bytes. Paths are already safe (no newline or
 * backslash), so no line needs GNU's escaping.
 */
export function formatManifest(lines: readonly ManifestLine[]): Uint8Array {
  const sorted = [...lines].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return new TextEncoder().encode(sorted.map((l) => `${l.sha256}  ${l.path}\n`).join(''));
}

export type ManifestProblem =
  | { readonly kind: 'malformed-line'; readonly line: number; readonly text: string }
  | { readonly kind: 'repeated-path'; readonly line: number; readonly path: string };

/**
 * Reads a manifest strictly: a line that is not `<hex>␠␠<path>` (or `<hex>␠*<path>`, binary
 * mode, which `sha256sum` also writes) is a problem, and so is a path listed twice.
 */
export function parseManifest(bytes: Uint8Array): {
  lines: ManifestLine[];
  problems: ManifestProblem[];
} {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { lines: [], problems: [{ kind: 'malformed-line', line: 1, text: '(not UTF-8 text)' }] };
  }
  const lines: ManifestLine[] = [];
  const problems: ManifestProblem[] = [];
  const seen = new Set<string>();
  const rows = text.split('\n');
  if (rows.at(-1) === '') rows.pop();
  rows.forEach((row, i) => {
    const match = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(row);
    if (!match?.[1] || !match[2]) {
      problems.push({ kind: 'malformed-line', line: i + 1, text: row.slice(0, 120) });
      return;
    }
    const path = match[2];
    if (seen.has(path)) {
      problems.push({ kind: 'repeated-path', line: i + 1, path });
      return;
    }
    seen.add(path);
    lines.push({ sha256: match[1].toLowerCase(), path });
  });
  return { lines, problems };
}

/** Lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** SHA-256 of bytes already in memory, through the injected hasher. */
export function sha256Hex(sha256: Sha256Factory, bytes: Uint8Array): string {
  const hash = sha256();
  hash.update(bytes);
  return toHex(hash.digest());
}
