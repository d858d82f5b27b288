/** What is wrong with a blob header; see `parseBlobHeader`. */
export type BlobHeaderProblem =
  | 'truncated'
  | 'bad-magic'
  | 'unsupported-version'
  | 'bad-length'
  | 'bad-chunk-size';

/** A blob header that cannot be read: not an evidence file, or a version this code does not know. */
export class BlobHeaderError extends Error {
  override readonly name = 'BlobHeaderError';
  constructor(
    readonly problem: BlobHeaderProblem,
    message: string,
  ) {
    super(message);
  }
}

/** How a blob's chunks failed verification. */
export type BlobIntegrityProblem =
  /** The chunk's tag does not verify: altered, reordered, duplicated, spliced or wrong key. */
  | 'authentication'
  /** The chunk's length cannot occur at its place for the header's chunk size (or file size). */
  | 'chunk-length'
  /** The stream stopped before a chunk flagged as last. */
  | 'truncated'
  /** More data follows the chunk flagged as last. */
  | 'trailing-data'
  /** An empty last chunk after other chunks: never written by v1 or v2. */
  | 'empty-final'
  /** A v2 padding byte that is not zero: a wrong file size, or a writer that is not Casebook's. */
  | 'padding'
  /** A chunk asked for by index is not stored. */
  | 'missing';

/**
 * An evidence file failed verification. `chunkIndex` names the chunk at fault
 * (for 'truncated' and 'trailing-data', the index where the stream should have ended or did).
 * Any plaintext already released from the same stream must be discarded.
 */
export class BlobIntegrityError extends Error {
  override readonly name = 'BlobIntegrityError';
  constructor(
    readonly chunkIndex: number,
    readonly problem: BlobIntegrityProblem,
    message: string,
  ) {
    super(message);
  }
}
