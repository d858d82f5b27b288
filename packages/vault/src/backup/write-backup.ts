import { nobleSha256, type Sha256HasherFactory } from '../blob/sha256-hasher';
import { utf8 } from '../encoding';
import type { Envelope, StoredLogEntry, VaultStore } from '../types';
import { HEADER_META_KEY } from '../vault-header';
import {
  BACKUP_MAGIC,
  BACKUP_VERSION,
  type BackupCounts,
  encodeChunkPayload,
  FRAME,
  type FrameType,
  frameHeader,
} from './backup-format';

export interface WriteBackupOptions {
  /** The END frame's SHA-256 covers every byte; Node passes node:crypto's (10× faster). */
  readonly hasher?: Sha256HasherFactory;
  /** Called after each file chunk is written: chunks written so far, and all there are. */
  readonly onChunk?: (done: number, total: number) => void;
}

/** How often the snapshot is taken again when something is saved while it is being read. */
const SNAPSHOT_ATTEMPTS = 5;

export class BackupChangedError extends Error {
  constructor() {
    super(
      'The casebook kept changing while the backup was being prepared. Wait until files have finished being added, then try again.',
    );
    this.name = 'BackupChangedError';
  }
}

/**
 * The header, log, records and committed files as of one moment. They are read one after
 * another, so a save in between (an intake finishing, a quick add, a purge) could give a log
 * without the record's entry or a file without its record: a backup that would not restore.
 * Every save appends to the log in the same transaction, so if the last log entry is the same
 * after the reads as in them, nothing was saved between; otherwise read again.
 */
async function consistentSnapshot(store: VaultStore): Promise<{
  header: Uint8Array;
  log: StoredLogEntry[];
  envelopes: Envelope[];
  blobs: string[];
  chunkCounts: number[];
}> {
  for (let attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
    const header = await store.getMeta(HEADER_META_KEY);
    if (!header) throw new Error('There is no casebook to back up');
    const log = await store.readLog();
    const envelopes = await store.listEnvelopes();
    const blobs = await store.listBlobs();
    // Counted first, so progress can say how far along the whole file is.
    const chunkCounts: number[] = [];
    for (const blobId of blobs) chunkCounts.push(await store.countChunks(blobId));
    const last = await store.lastLogEntry();
    if (last?.seq === log.at(-1)?.seq) return { header, log, envelopes, blobs, chunkCounts };
  }
  throw new BackupChangedError();
}

/**
 * Streams the whole vault as a backup file v1. Needs no key: it copies ciphertext only,
 * one chunk at a time, so memory stays flat whatever the files' size.
 */
export async function* writeBackup(
  store: VaultStore,
  options: WriteBackupOptions = {},
): AsyncGenerator<Uint8Array> {
  const { header, log, envelopes, blobs, chunkCounts } = await consistentSnapshot(store);
  const hash = (options.hasher ?? nobleSha256)();
  const emit = (type: FrameType, payload: Uint8Array): Uint8Array[] => {
    const head = frameHeader(type, payload.length);
    hash.update(head);
    hash.update(payload);
    return [head, payload];
  };
  const start = new Uint8Array([...BACKUP_MAGIC, BACKUP_VERSION]);
  hash.update(start);
  yield start;
  yield* emit(FRAME.header, header);
  for (const entry of log) yield* emit(FRAME.log, utf8(JSON.stringify(entry)));
  for (const env of envelopes) yield* emit(FRAME.envelope, utf8(JSON.stringify(env)));

  const total = chunkCounts.reduce((a, b) => a + b, 0);
  let chunks = 0;
  for (const [i, blobId] of blobs.entries()) {
    const count = chunkCounts[i] ?? 0;
    for (let index = 0; index < count; index++) {
      const bytes = await store.getChunk(blobId, index);
      if (!bytes) throw new Error(`Chunk ${index} of file ${blobId} is missing from storage`);
      yield* emit(FRAME.chunk, encodeChunkPayload(blobId, index, bytes));
      chunks += 1;
      options.onChunk?.(chunks, total);
    }
  }
  const counts: BackupCounts = {
    log: log.length,
    envelopes: envelopes.length,
    blobs: blobs.length,
    chunks,
  };
  const summary = utf8(JSON.stringify(counts));
  const payload = new Uint8Array(summary.length + 32);
  payload.set(summary);
  payload.set(hash.digest(), summary.length);
  yield frameHeader(FRAME.end, payload.length);
  yield payload;
}
