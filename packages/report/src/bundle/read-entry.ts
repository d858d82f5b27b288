import type { FileEntry } from '@zip.js/zip.js';
import { toHex } from './manifest';
import type { Sha256Factory } from './types';

export type EntryRead =
  | { readonly ok: true; readonly sha256: string; readonly bytes?: Uint8Array }
  | { readonly ok: false; readonly reason: 'damaged' | 'too-big' };

class TooBig extends Error {}

/**
 * Streams one entry through SHA-256 (one chunk in memory at a time). With `keepUpTo`, also
 * returns its bytes, refusing an entry that inflates past that many: a small file's header can
 * claim anything. A damaged entry (bad deflate data, a cut file) is a value, not a throw.
 */
export async function readEntry(
  entry: FileEntry,
  sha256: Sha256Factory,
  keepUpTo?: number,
  signal?: AbortSignal,
): Promise<EntryRead> {
  const hash = sha256();
  const kept: Uint8Array[] = [];
  let size = 0;
  const sink = new WritableStream<Uint8Array>({
    write(chunk) {
      size += chunk.length;
      if (keepUpTo !== undefined) {
        if (size > keepUpTo) throw new TooBig();
        kept.push(chunk.slice());
      }
      hash.update(chunk);
    },
  });
  try {
    await entry.getData(sink, { useWebWorkers: false, ...(signal && { signal }) });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (error instanceof TooBig || (error as Error | undefined)?.cause instanceof TooBig)
      return { ok: false, reason: 'too-big' };
    return { ok: false, reason: 'damaged' };
  }
  const digest = toHex(hash.digest());
  if (keepUpTo === undefined) return { ok: true, sha256: digest };
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const piece of kept) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return { ok: true, sha256: digest, bytes };
}
