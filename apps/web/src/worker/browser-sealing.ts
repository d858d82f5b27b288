/// <reference lib="webworker" />
/**
 * How the browser seals a file into the vault, one choice for every way a file comes in
 * (evidence intake, an export file on the Import screen): the chunk size, the SHA-256 (on its
 * own thread for a large file), and how many chunks are in flight on which thread.
 */
import type { AddFileOptions } from '@casebook/vault';
import { startOffThreadSha256 } from './off-thread-sha256';
import { wasmSha256 } from './wasm-sha256';

const MiB = 1024 * 1024;
/**
 * The browser seals files in 512 KiB chunks, not the vault's default 1 MiB: WebCrypto's
 * AES-GCM in a Chromium Worker runs ~3.5x faster per byte in 512 KiB calls (335-342 vs
 * 81-111 MiB/s, bench/README.md). The blob header carries the size, so readers need no change.
 */
export const BROWSER_CHUNK_SIZE = 512 * 1024;
/** From this size a file is hashed on its own thread, beside its encryption; below, starting one costs more than it saves. */
export const HASH_THREAD_FROM = 16 * MiB;

/** The options to hand `vault.addFile` or `vault.stageFile`, and `close` for when it is done. */
export interface BrowserSealing {
  readonly options: Pick<AddFileOptions, 'hasher' | 'sealer' | 'sealAhead' | 'chunkSize'>;
  /** Ends the hash thread, if one was started. Call it in a `finally`. */
  close(): void;
}

/**
 * Picks how to seal a file of `size` bytes. A cancel (`signal`) ends the hash thread at once,
 * so a wait on it settles and the sealing then sees the abort.
 */
export async function browserSealing(size: number, signal: AbortSignal): Promise<BrowserSealing> {
  const hashThread = size >= HASH_THREAD_FROM ? await startOffThreadSha256() : undefined;
  if (!hashThread) {
    const hasher = await wasmSha256();
    return { options: { chunkSize: BROWSER_CHUNK_SIZE, ...(hasher && { hasher }) }, close() {} };
  }
  const stop = () => hashThread.close();
  signal.addEventListener('abort', stop, { once: true });
  return {
    options: {
      chunkSize: BROWSER_CHUNK_SIZE,
      hasher: () => hashThread,
      // Up to four chunks in flight, one of them sealed on the hash thread: AES-GCM on two
      // cores, with slack so neither thread waits on the other's latest chunk (2 in flight:
      // 73 MiB/s mean, 4: 80, four alternating pairs, bench/README.md).
      sealer: hashThread.seal,
      sealAhead: 4,
    },
    close() {
      signal.removeEventListener('abort', stop);
      hashThread.close();
    },
  };
}
