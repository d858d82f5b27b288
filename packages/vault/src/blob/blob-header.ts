import { BlobHeaderError, type BlobHeaderProblem } from './blob-errors';

/*
 * Evidence file header (v1 and v2 share it), 57 bytes, every integer big-endian:
 *
 *   offset  size  field
 *        0     4  magic, ASCII "CBLB"
 *        4     1  version, u8 = 1 or 2 (v2 pads the plaintext; see FORMAT.md)
 *        5     4  chunk size in plaintext bytes, u32 (1 MiB by default; the browser writes 512 KiB)
 *        9    16  blob id
 *       25    32  salt for the payload key (random per blob)
 *
 * The whole header is the associated data of every chunk. See FORMAT.md.
 */

export const BLOB_MAGIC: Uint8Array = new Uint8Array([0x43, 0x42, 0x4c, 0x42]);
/** Version 1: the plaintext stored as is, so chunk lengths show the exact file size. */
export const BLOB_VERSION_1 = 1;
/** Version 2: the plaintext zero-padded to `paddedLength(size)` (Padmé), hiding the exact size. */
export const BLOB_VERSION_2 = 2;
/** The version the writer produces unless asked for another. */
export const BLOB_VERSION = BLOB_VERSION_2;
/** Every version a reader accepts. */
export type BlobVersion = typeof BLOB_VERSION_1 | typeof BLOB_VERSION_2;
export const BLOB_HEADER_LENGTH = 57;
export const BLOB_ID_LENGTH = 16;
export const BLOB_SALT_LENGTH = 32;
/** Plaintext bytes per chunk that the writer uses. */
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
/** Largest chunk size a reader accepts; bounds the memory a hostile header can demand. */
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;

/** The fields of a blob header. */
export interface BlobHeader {
  readonly version: BlobVersion;
  readonly chunkSize: number;
  readonly blobId: Uint8Array;
  readonly salt: Uint8Array;
}

export type ParseBlobHeaderResult =
  | { readonly ok: true; readonly header: BlobHeader }
  | { readonly ok: false; readonly problem: BlobHeaderProblem; readonly reason: string };

/** Whether a header version is one this code reads and writes. */
export function isBlobVersion(version: number): version is BlobVersion {
  return version === BLOB_VERSION_1 || version === BLOB_VERSION_2;
}

/** Whether a chunk size is one a reader accepts. */
export function isValidChunkSize(chunkSize: number): boolean {
  return Number.isInteger(chunkSize) && chunkSize >= 1 && chunkSize <= MAX_CHUNK_SIZE;
}

/** Encodes a header. Wrong field lengths or an unknown version are bugs and throw a RangeError. */
export function encodeBlobHeader(header: BlobHeader): Uint8Array<ArrayBuffer> {
  if (!isBlobVersion(header.version)) {
    throw new RangeError(`blob version must be ${BLOB_VERSION_1} or ${BLOB_VERSION_2}`);
  }
  if (!isValidChunkSize(header.chunkSize)) {
    throw new RangeError(`chunk size must be an integer in 1..${MAX_CHUNK_SIZE}`);
  }
  if (header.blobId.length !== BLOB_ID_LENGTH) {
    throw new RangeError(`blob id must be ${BLOB_ID_LENGTH} bytes`);
  }
  if (header.salt.length !== BLOB_SALT_LENGTH) {
    throw new RangeError(`salt must be ${BLOB_SALT_LENGTH} bytes`);
  }
  const bytes = new Uint8Array(BLOB_HEADER_LENGTH);
  const view = new DataView(bytes.buffer);
  bytes.set(BLOB_MAGIC, 0);
  view.setUint8(4, header.version);
  view.setUint32(5, header.chunkSize);
  bytes.set(header.blobId, 9);
  bytes.set(header.salt, 25);
  return bytes;
}

/** Parses exactly one v1 or v2 header (57 bytes). Never throws. */
export function parseBlobHeader(bytes: Uint8Array): ParseBlobHeaderResult {
  if (bytes.length < 5) {
    return fail('truncated', 'the file ends before its header is complete');
  }
  if (!BLOB_MAGIC.every((b, i) => bytes[i] === b)) {
    return fail('bad-magic', 'this is not a Casebook evidence file (unknown magic)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(4);
  if (!isBlobVersion(version)) {
    return fail(
      'unsupported-version',
      `evidence file version ${version} is not supported by this version of Casebook`,
    );
  }
  if (bytes.length !== BLOB_HEADER_LENGTH) {
    return bytes.length < BLOB_HEADER_LENGTH
      ? fail('truncated', 'the file ends before its header is complete')
      : fail('bad-length', `a header is ${BLOB_HEADER_LENGTH} bytes, got ${bytes.length}`);
  }
  const chunkSize = view.getUint32(5);
  if (!isValidChunkSize(chunkSize)) {
    return fail('bad-chunk-size', `the header's chunk size ${chunkSize} is out of range`);
  }
  return {
    ok: true,
    header: {
      version,
      chunkSize,
      blobId: bytes.slice(9, 25),
      salt: bytes.slice(25, 57),
    },
  };
}

/** Like `parseBlobHeader`, but throws a `BlobHeaderError`; for stream readers. */
export function requireBlobHeader(bytes: Uint8Array): BlobHeader {
  const parsed = parseBlobHeader(bytes);
  if (!parsed.ok) throw new BlobHeaderError(parsed.problem, parsed.reason);
  return parsed.header;
}

function fail(problem: BlobHeaderProblem, reason: string): ParseBlobHeaderResult {
  return { ok: false, problem, reason };
}
