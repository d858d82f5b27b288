import { z } from 'zod';
import { nobleSha256, type Sha256HasherFactory } from '../blob/sha256-hasher';
import { fromUtf8 } from '../encoding';
import { type Checkpoint, CheckpointSchema } from '../log/checkpoint';
import { DeviceCertSchema } from '../log/device-cert';
import { hex64 } from '../log/log-entry';
import type { Envelope, SideRevision, StoredLogEntry } from '../types';
import {
  BACKUP_VERSION_1,
  BACKUP_VERSION_3,
  type BackupCounts,
  decodeChunkPayload,
  FRAME,
} from './backup-format';
import { BackupReadError, readFrames } from './frame-reader';

const b64 = z.string();
const EnvelopeSchema = z.strictObject({
  v: z.literal(1),
  kind: z.string().min(1),
  id: z.string().min(1),
  rev: z.number().int().nonnegative(),
  nonce: b64,
  ct: b64,
});
const StoredLogEntryV1Schema = z.strictObject({
  seq: z.number().int().nonnegative(),
  env: EnvelopeSchema,
  h: hex64,
  sig: b64,
});
const StoredLogEntryV2Schema = z.strictObject({
  v: z.literal(2),
  device: z.string().min(1),
  seq: z.number().int().nonnegative(),
  prev: hex64,
  env: EnvelopeSchema,
  h: hex64,
  sig: b64,
  cert: DeviceCertSchema.optional(),
});
const StoredLogEntrySchema = z.union([StoredLogEntryV2Schema, StoredLogEntryV1Schema]);
const SideSchema = z.strictObject({ device: z.string().min(1), envelope: EnvelopeSchema });
const CountsSchema = z.strictObject({
  log: z.number().int().nonnegative(),
  envelopes: z.number().int().nonnegative(),
  sides: z.number().int().nonnegative().optional(),
  blobs: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
});
/** `sides` only where the file has it, so a v1 or v2 file's counts are what they were. */
function countsOf(parsed: z.infer<typeof CountsSchema>): BackupCounts {
  const { sides, ...rest } = parsed;
  return sides === undefined ? rest : { ...rest, sides };
}
const EndV2Schema = z.strictObject({
  counts: CountsSchema,
  checkpoint: CheckpointSchema.optional(),
});

/** What a backup holds, in file order. Chunks arrive one at a time. */
export type BackupItem =
  | { readonly type: 'header'; readonly bytes: Uint8Array; readonly version: number }
  | { readonly type: 'log'; readonly entry: StoredLogEntry }
  | { readonly type: 'envelope'; readonly envelope: Envelope }
  | { readonly type: 'side'; readonly side: SideRevision }
  | {
      readonly type: 'chunk';
      readonly blobId: string;
      readonly index: number;
      readonly bytes: Uint8Array;
    }
  | {
      readonly type: 'end';
      readonly counts: BackupCounts;
      /** v2: the signed checkpoint; v1 files have none. */
      readonly checkpoint?: Checkpoint;
    };

const DAMAGED = (what: string) =>
  new BackupReadError(
    'corrupt',
    `This backup file is damaged (${what}). Nothing was restored. Try another copy.`,
  );

function parseJson<T>(payload: Uint8Array, schema: z.ZodType<T>, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(fromUtf8(payload));
  } catch {
    throw DAMAGED(what);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw DAMAGED(what);
  return parsed.data;
}

const ORDER = { header: 0, log: 1, envelope: 2, side: 3, pad: 4, chunk: 5, end: 6 } as const;

/**
 * Reads a backup file as a stream of validated items, checking order and counts (and, for
 * version 1, the checksum) at the end. A version 3 PAD frame is checked (zeros, in its place,
 * once) and not handed on. Throws BackupReadError with a plain message on a bad file.
 * It checks the container only: what is inside is checked by verifyBackup with the keys.
 */
export async function* readBackup(
  source: AsyncIterable<Uint8Array>,
  options: { hasher?: Sha256HasherFactory } = {},
): AsyncGenerator<BackupItem> {
  const hash = (options.hasher ?? nobleSha256)();
  const seen = { log: 0, envelopes: 0, sides: 0, chunks: 0, blobs: new Set<string>() };
  let stage = -1;
  let lastChunk: { blobId: string; index: number } | undefined;
  const advance = (to: number) => {
    if (to < stage || (to === 0 && stage === 0)) throw DAMAGED('its parts are out of order');
    if (stage === -1 && to !== 0) throw DAMAGED('it has no header');
    stage = to;
  };
  for await (const frame of readFrames(source, (bytes) => hash.update(bytes))) {
    switch (frame.type) {
      case FRAME.header:
        advance(ORDER.header);
        yield { type: 'header', bytes: frame.payload, version: frame.version };
        break;
      case FRAME.log: {
        advance(ORDER.log);
        const entry = parseJson(
          frame.payload,
          StoredLogEntrySchema,
          'an audit-log entry',
        ) as StoredLogEntry;
        if (frame.version === BACKUP_VERSION_1 && entry.v !== undefined) {
          throw DAMAGED('an audit-log entry');
        }
        seen.log += 1;
        yield { type: 'log', entry };
        break;
      }
      case FRAME.envelope: {
        advance(ORDER.envelope);
        const envelope = parseJson(frame.payload, EnvelopeSchema, 'a record') as Envelope;
        seen.envelopes += 1;
        yield { type: 'envelope', envelope };
        break;
      }
      case FRAME.side: {
        if (frame.version < BACKUP_VERSION_3) throw DAMAGED('it has a part Casebook does not know');
        advance(ORDER.side);
        const side = parseJson(frame.payload, SideSchema, 'a record') as SideRevision;
        seen.sides += 1;
        yield { type: 'side', side };
        break;
      }
      case FRAME.pad: {
        if (frame.version < BACKUP_VERSION_3) throw DAMAGED('it has a part Casebook does not know');
        if (stage === ORDER.pad) throw DAMAGED('its parts are out of order');
        advance(ORDER.pad);
        if (!frame.payload.every((b) => b === 0)) throw DAMAGED('its padding');
        break;
      }
      case FRAME.chunk: {
        advance(ORDER.chunk);
        const chunk = decodeChunkPayload(frame.payload);
        if (!chunk) throw DAMAGED('a file chunk');
        const continues = lastChunk?.blobId === chunk.blobId && lastChunk.index + 1 === chunk.index;
        const starts = chunk.index === 0 && !seen.blobs.has(chunk.blobId);
        if (!continues && !starts) throw DAMAGED('a file’s chunks are out of order');
        seen.blobs.add(chunk.blobId);
        seen.chunks += 1;
        lastChunk = { blobId: chunk.blobId, index: chunk.index };
        yield { type: 'chunk', ...chunk };
        break;
      }
      case FRAME.end: {
        advance(ORDER.end);
        let counts: BackupCounts;
        let checkpoint: Checkpoint | undefined;
        if (frame.version === BACKUP_VERSION_1) {
          if (frame.payload.length < 32) throw DAMAGED('its ending');
          counts = countsOf(
            parseJson(
              frame.payload.subarray(0, frame.payload.length - 32),
              CountsSchema,
              'its ending',
            ),
          );
          const expected = frame.payload.subarray(frame.payload.length - 32);
          const actual = hash.digest();
          if (!actual.every((b, i) => b === expected[i]))
            throw DAMAGED('its checksum does not match');
        } else {
          const end = parseJson(frame.payload, EndV2Schema, 'its ending');
          counts = countsOf(end.counts);
          checkpoint = end.checkpoint;
        }
        if (
          counts.log !== seen.log ||
          counts.envelopes !== seen.envelopes ||
          (counts.sides ?? 0) !== seen.sides ||
          (frame.version < BACKUP_VERSION_3 && counts.sides !== undefined) ||
          counts.chunks !== seen.chunks ||
          counts.blobs !== seen.blobs.size
        ) {
          throw DAMAGED('parts are missing');
        }
        yield { type: 'end', counts, ...(checkpoint !== undefined && { checkpoint }) };
        return;
      }
      default:
        throw DAMAGED('it has a part Casebook does not know');
    }
  }
}
