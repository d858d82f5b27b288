import { utf8 } from '../encoding';
import { decodeCheckpoint } from '../log/checkpoint';
import type { VaultStore } from '../types';
import {
  BACKUP_MAGIC,
  BACKUP_VERSION_3,
  type BackupCounts,
  FRAME,
  type FramedChunks,
  type FrameType,
  frameHeader,
  MAX_FRAME_LENGTH,
} from './backup-format';
import { readFrames } from './frame-reader';
import { consistentSnapshot } from './write-backup';

/** A store whose chunks are already CHUNK frames in the file being made (a backup spool). */
export interface InPlaceBackupStore extends VaultStore {
  framedChunks(): FramedChunks | undefined;
  writeAt(bytes: Uint8Array, at: number): Promise<void>;
  sync(): Promise<void>;
}

export type InPlaceOutcome =
  | { readonly ok: true; readonly bytes: number }
  /** Nothing is wrong with the casebook: write it out the usual way (`writeBackup`) instead. */
  | { readonly ok: false; readonly reason: 'no-room' | 'not-one-run' | 'not-v2' };

/**
 * Finishes a backup file (version 3) around chunk frames already written in place: the
 * header, log and records go into the room kept before the chunks, the rest of that room
 * becomes one PAD frame, the END frame follows the last chunk, and the file is synced. The
 * chunks are neither read nor written again. Refuses (changing nothing that a later
 * `writeBackup` of the same store needs) when the records do not fit the room, when the
 * frames are not exactly the committed files' chunks, whole and in order (a file discarded
 * part-way, say), or when the casebook would be written as version 1, whose checksum covers
 * every chunk.
 */
export async function finishBackupInPlace(store: InPlaceBackupStore): Promise<InPlaceOutcome> {
  const { header, log, envelopes, sides, blobs, chunkCounts, checkpoint } =
    await consistentSnapshot(store);
  const signed = decodeCheckpoint(checkpoint);
  if (signed === undefined && !log.some((entry) => entry.v === 2))
    return { ok: false, reason: 'not-v2' };
  const framed = store.framedChunks();
  if (!framed || !sameFiles(framed, blobs, chunkCounts))
    return { ok: false, reason: 'not-one-run' };

  const parts: Uint8Array[] = [new Uint8Array([...BACKUP_MAGIC, BACKUP_VERSION_3])];
  const emit = (type: FrameType, payload: Uint8Array) => {
    parts.push(frameHeader(type, payload.length), payload);
  };
  emit(FRAME.header, header);
  for (const entry of log) emit(FRAME.log, utf8(JSON.stringify(entry)));
  for (const env of envelopes) emit(FRAME.envelope, utf8(JSON.stringify(env)));
  for (const side of sides) emit(FRAME.side, utf8(JSON.stringify(side)));
  const used = parts.reduce((n, p) => n + p.length, 0);
  const padding = framed.start - used - 5;
  if (padding < 0 || padding > MAX_FRAME_LENGTH) return { ok: false, reason: 'no-room' };
  parts.push(frameHeader(FRAME.pad, padding), new Uint8Array(padding));

  const counts: BackupCounts = {
    log: log.length,
    envelopes: envelopes.length,
    ...(sides.length > 0 && { sides: sides.length }),
    blobs: blobs.length,
    chunks: chunkCounts.reduce((a, b) => a + b, 0),
  };
  const end = utf8(JSON.stringify(signed ? { counts, checkpoint: signed } : { counts }));
  const head = new Uint8Array(framed.start);
  let at = 0;
  for (const part of parts) {
    head.set(part, at);
    at += part.length;
  }
  const tail = new Uint8Array(5 + end.length);
  tail.set(frameHeader(FRAME.end, end.length));
  tail.set(end, 5);
  await store.writeAt(head, 0);
  await store.writeAt(tail, framed.end);
  await store.sync();
  return { ok: true, bytes: framed.end + tail.length };
}

/** The frames hold each committed file once, with all its chunks, and nothing else. */
function sameFiles(framed: FramedChunks, blobs: string[], counts: number[]): boolean {
  if (framed.blobs.length !== blobs.length) return false;
  const expected = new Map(blobs.map((blobId, i) => [blobId, counts[i]]));
  return framed.blobs.every(({ blobId, count }) => expected.get(blobId) === count);
}

/**
 * Bytes of a backup before its first chunk (or PAD, or END): the room its header and records
 * take, from which a new file's room is reckoned. Reads no further than that.
 */
export async function recordsLength(source: AsyncIterable<Uint8Array>): Promise<number> {
  for await (const frame of readFrames(source)) {
    if (frame.type === FRAME.chunk || frame.type === FRAME.pad || frame.type === FRAME.end)
      return frame.offset;
  }
  return 0;
}
