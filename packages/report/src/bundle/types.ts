/**
 * An incremental SHA-256, injected because packages/report does no I/O and WebCrypto cannot
 * stream. Node passes `() => createHash('sha256')`; the browser passes the vault's `nobleSha256`.
 */
export interface Sha256 {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

export type Sha256Factory = () => Sha256;

/** A report, CSV, JSON or audit file made by someone else: opaque bytes at a bundle path. */
export interface GeneratedFile {
  /** A relative path with forward slashes, e.g. `report/report.pdf` or `audit/log.jsonl`. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** One original evidence file, streamed and never held whole. */
export interface EvidenceInput {
  /** The exhibit reference, e.g. `JD/3`. */
  readonly ref: string;
  /** The file's name when it was taken in. */
  readonly originalName: string;
  /** The SHA-256 the casebook recorded at intake, lower-case hex. */
  readonly sha256: string;
  readonly size: number;
  /** What the casebook knows of it (JSON-able); written as the exhibit's sidecar. */
  readonly sidecar: unknown;
  open(): AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;
}

/** What a bundle's index says each file is. */
export type BundleFileRole = 'guide' | 'report' | 'audit' | 'data' | 'evidence' | 'sidecar';

/** One row of `bundle.json`: a file, its hash and, for exhibits, its reference. */
export interface BundleIndexFile {
  readonly path: string;
  readonly role: BundleFileRole;
  readonly sha256: string;
  readonly size: number;
  readonly ref?: string;
  readonly originalName?: string;
}
