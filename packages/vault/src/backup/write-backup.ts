import { nobleSha256, type Sha256HasherFactory } from '../blob/sha256-hasher';
import { utf8 } from '../encoding';
import { CHECKPOINT_META_KEY, decodeCheckpoint } from '../log/checkpoint';
import type { Envelope, SideRevision, StoredLogEntry, VaultStore } from '../types';
import { HEADER_META_KEY } from '../vault-header';
import {
  BACKUP_MAGIC,
  BACKUP_VERSION,
  BACKUP_VERSION_1,
  BACKUP_VERSION_3,
  type BackupCounts,
  encodeChunkPayload,
  FRAME,
  type FrameType,
  frameHeader,
} from './backup-format';

export interface WriteBackupOptions {
  /** A version 1 file's END checksum covers every byte; Node passes node:crypto's (10× faster). */
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
 * Every save appends to the log in the same transaction, so if the log is as long after the
 * reads as in them, nothing was saved between; otherwise read again.
 */
export async function consistentSnapshot(store: VaultStore): Promise<{
  header: Uint8Array;
  log: StoredLogEntry[];
  envelopes: Envelope[];
  sides: SideRevision[];
  blobs: string[];
  chunkCounts: number[];
  checkpoint: Uint8Array | undefined;
}> {
  for (let attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
    const header = await store.getMeta(HEADER_META_KEY);
    if (!header) throw new Error('There is no casebook to back up');
    const log = await store.readLog();
    const envelopes = await store.listEnvelopes();
    const sides = await store.listSides();
    const blobs = await store.listBlobs();
    // Counted first, so progress can say how far along the whole file is.
    const chunkCounts: number[] = [];
    for (const blobId of blobs) chunkCounts.push(await store.countChunks(blobId));
    // Written in the same transaction as the log's newest entry: read before checking that.
    const checkpoint = await store.getMeta(CHECKPOINT_META_KEY);
    // The log only grows (a save appends its entry, a sync other devices' entries, each in the
    // same commit as their records), so the same length read again means nothing was saved.
    // Read whole: with several chains no single newest entry stands for all of them.
    const sameLog = (await store.readLog()).length === log.length;
    // A header change (new passphrase) is logged too, but read the header again to be sure.
    const headerAgain = await store.getMeta(HEADER_META_KEY);
    const sameHeader =
      headerAgain?.length === header.length && headerAgain.every((b, i) => b === header[i]);
    if (sameLog && sameHeader) {
      return { header, log, envelopes, sides, blobs, chunkCounts, checkpoint };
    }
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
  const { header, log, envelopes, sides, blobs, chunkCounts, checkpoint } =
    await consistentSnapshot(store);
  // A v1 casebook restored but never opened stays a v1 file; anything with v2 in it is v2,
  // even with its checkpoint missing (verify then names that rather than failing to read it).
  const signed = decodeCheckpoint(checkpoint);
  const isV2 = signed !== undefined || log.some((entry) => entry.v === 2);
  const version = sides.length > 0 ? BACKUP_VERSION_3 : isV2 ? BACKUP_VERSION : BACKUP_VERSION_1;
  // Only a v1 file carries a checksum; v2 ends with the signed checkpoint instead.
  const hash = isV2 ? { update: () => undefined } : (options.hasher ?? nobleSha256)();
  const emit = (type: FrameType, payload: Uint8Array): Uint8Array[] => {
    const head = frameHeader(type, payload.length);
    hash.update(head);
    hash.update(payload);
    return [head, payload];
  };
  const start = new Uint8Array([...BACKUP_MAGIC, version]);
  hash.update(start);
  yield start;
  yield* emit(FRAME.header, header);
  for (const entry of log) yield* emit(FRAME.log, utf8(JSON.stringify(entry)));
  for (const env of envelopes) yield* emit(FRAME.envelope, utf8(JSON.stringify(env)));
  for (const side of sides) yield* emit(FRAME.side, utf8(JSON.stringify(side)));

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
    ...(sides.length > 0 && { sides: sides.length }),
    blobs: blobs.length,
    chunks,
  };
  if (isV2) {
    const end = utf8(JSON.stringify(signed ? { counts, checkpoint: signed } : { counts }));
    yield frameHeader(FRAME.end, end.length);
    yield end;
    return;
  }
  const summary = utf8(JSON.stringify(counts));
  const payload = new Uint8Array(summary.length + 32);
  payload.set(summary);
  payload.set((hash as ReturnType<Sha256HasherFactory>).digest(), summary.length);
  yield frameHeader(FRAME.end, payload.length);
  yield payload;
}
