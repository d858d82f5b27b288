import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The byte patterns a secret could be stored as: raw UTF-8, UTF-16LE, and base64 at each alignment. */
export function patternsFor(secret: string): { name: string; bytes: Buffer }[] {
  const raw = Buffer.from(secret, 'utf8');
  const out = [
    { name: 'utf8', bytes: raw },
    { name: 'utf16le', bytes: Buffer.from(secret, 'utf16le') },
  ];
  for (let offset = 0; offset < 3; offset++) {
    const b64 = Buffer.concat([Buffer.alloc(offset), raw]).toString('base64');
    // Drop the characters that depend on the padding bytes before and the bytes after.
    const stable = b64.slice(Math.ceil((offset * 4) / 3) + 1, -4);
    out.push({ name: `base64+${offset}`, bytes: Buffer.from(stable, 'latin1') });
  }
  return out;
}

export interface Hit {
  file: string;
  pattern: string;
}

async function* walk(dir: string): AsyncGenerator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/** Scans every file under `dir` for every pattern of every secret. */
export async function scanProfile(
  dir: string,
  secrets: string[],
): Promise<{ hits: Hit[]; files: number; bytes: number }> {
  const patterns = secrets.flatMap((s) =>
    patternsFor(s).map((p) => ({ ...p, name: `${s.slice(0, 12)}…/${p.name}` })),
  );
  const hits: Hit[] = [];
  let files = 0;
  let bytes = 0;
  for await (const file of walk(dir)) {
    const info = await stat(file).catch(() => undefined);
    if (!info || info.size === 0) continue;
    const data = await readFile(file).catch(() => undefined);
    if (!data) continue;
    files++;
    bytes += data.length;
    for (const p of patterns) if (data.includes(p.bytes)) hits.push({ file, pattern: p.name });
  }
  return { hits, files, bytes };
}
