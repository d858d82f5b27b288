/**
 * Backup file (`.casebook`): the vault exactly as stored, still encrypted, as one
 * stream that can be written and read without holding it in memory.
 *
 *   magic "CBKP\r\n\x1a\n" (8 bytes: catches text-mode mangling, as PNG does), version u8
 *   frames: type u8, length u32 big-endian, payload
 *     0x01 HEADER    the vault header (JSON bytes as stored)
 *     0x02 LOG       one stored audit-log entry (JSON)
 *     0x03 ENVELOPE  one record envelope (JSON)
 *     0x06 SIDE      v3 only: another device's revision kept beside the one at its
 *                    (kind, id, rev) (JSON `{device, envelope}`, see `SideRevision`)
 *     0x05 PAD       v3 only: zero bytes, ignored; at most one, after the last ENVELOPE and
 *                    SIDE and before the first CHUNK
 *     0x04 CHUNK     blob id length u8, blob id (UTF-8), chunk index u32, encrypted chunk
 *     0xFF END       v1: JSON counts, then the SHA-256 of every byte before this frame (32 bytes)
 *                    v2: JSON { counts, checkpoint } and nothing else
 * Order: HEADER, every LOG, every ENVELOPE, every SIDE (v3), [PAD (v3)], every CHUNK grouped
 * by blob in index order, END.
 * Nothing may follow END. The contents are the SECURITY.md formats; this container frames them.
 *
 * Version 2 ends with the casebook's signed checkpoint instead of an unkeyed checksum: anyone
 * could recompute a checksum after cutting the newest entries, but not the identity's signature
 * over where the history ends. Damage elsewhere is caught by what each part authenticates
 * (envelopes, signed log entries, STREAM chunks), and verify names it. Version 1 files are read
 * (and their checksum checked) forever; a store that has no checkpoint yet is written as v1.
 *
 * Version 3 (2026-12-03) is version 2 with two optional parts. `writeBackup` writes v3 only when
 * the casebook holds sides (otherwise v2, byte for byte as before); `casebook add` always writes
 * v3, with its PAD frame (a copy made by an older Casebook than this one will not open it):
 * - SIDE frames (and `sides` in the END counts), issue 12: another device's revision kept
 *   beside the one at its (kind, id, rev) when two devices wrote one revision differently.
 * - One PAD frame of zero bytes between the records and the chunks, issue 14: room kept before
 *   the chunks, so `casebook add` writes each encrypted chunk once, straight into the new file
 *   after a reserved gap, and the records (which name the files' SHA-256, known only at their
 *   end) into the gap afterwards. A PAD frame with anything but zeros is damage, so the gap
 *   cannot carry hidden data.
 * Everything else, END included, is as in version 2. Versions 1 and 2 stay readable.
 */
export const BACKUP_MAGIC = new Uint8Array([0x43, 0x42, 0x4b, 0x50, 0x0d, 0x0a, 0x1a, 0x0a]);
export const BACKUP_VERSION = 2;
export const BACKUP_VERSION_1 = 1;
/** Version 2 with SIDE frames and a PAD frame allowed (see above). */
export const BACKUP_VERSION_3 = 3;
export const READABLE_VERSIONS: readonly number[] = [1, 2, 3];

export const FRAME = {
  header: 0x01,
  log: 0x02,
  envelope: 0x03,
  chunk: 0x04,
  pad: 0x05,
  side: 0x06,
  end: 0xff,
} as const;
export type FrameType = (typeof FRAME)[keyof typeof FRAME];

/** Larger than any valid frame (a 16 MiB chunk plus its tag and id), so a foreign file fails fast. */
export const MAX_FRAME_LENGTH = 16 * 1024 * 1024 + 1024;

export interface BackupCounts {
  readonly log: number;
  readonly envelopes: number;
  /** v3 only. */
  readonly sides?: number;
  readonly blobs: number;
  readonly chunks: number;
}

export function frameHeader(type: FrameType, length: number): Uint8Array {
  const out = new Uint8Array(5);
  out[0] = type;
  new DataView(out.buffer).setUint32(1, length);
  return out;
}

export function encodeChunkPayload(blobId: string, index: number, bytes: Uint8Array): Uint8Array {
  const id = new TextEncoder().encode(blobId);
  if (id.length > 255) throw new RangeError('blob id too long');
  const out = new Uint8Array(1 + id.length + 4 + bytes.length);
  out[0] = id.length;
  out.set(id, 1);
  new DataView(out.buffer).setUint32(1 + id.length, index);
  out.set(bytes, 5 + id.length);
  return out;
}

/** A CHUNK frame's bytes before the encrypted chunk itself: frame header, blob id, index. */
export function encodeChunkFrameHead(blobId: string, index: number, length: number): Uint8Array {
  const id = new TextEncoder().encode(blobId);
  if (id.length > 255) throw new RangeError('blob id too long');
  const out = new Uint8Array(5 + 1 + id.length + 4);
  out[0] = FRAME.chunk;
  const view = new DataView(out.buffer);
  view.setUint32(1, 1 + id.length + 4 + length);
  out[5] = id.length;
  out.set(id, 6);
  view.setUint32(6 + id.length, index);
  return out;
}

/** CHUNK frames written one after another into [start, end) of a file, blob by blob. */
export interface FramedChunks {
  readonly start: number;
  readonly end: number;
  readonly blobs: readonly { readonly blobId: string; readonly count: number }[];
}

export function decodeChunkPayload(
  payload: Uint8Array,
): { blobId: string; index: number; bytes: Uint8Array } | undefined {
  const idLength = payload[0];
  if (idLength === undefined || payload.length < 1 + idLength + 4) return undefined;
  const blobId = new TextDecoder().decode(payload.subarray(1, 1 + idLength));
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  return { blobId, index: view.getUint32(1 + idLength), bytes: payload.slice(5 + idLength) };
}
