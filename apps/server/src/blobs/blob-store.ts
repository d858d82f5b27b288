/**
 * The blob port: one object per encrypted chunk, under a key the server makes from random
 * ids (`<space>/<chunk>`). Adapters: the filesystem (default) and S3-compatible storage;
 * test/blob-store.contract.test.ts holds both to one contract.
 */
/** What a write did: wrote the object, found the same bytes there, or found other bytes. */
export type PutOutcome = 'stored' | 'already' | 'conflict';

export interface BlobStore {
  /**
   * Writes the whole object only where there is none: a chunk, once stored, is never
   * replaced. The same bytes again are 'already' (a retry); other bytes are 'conflict' and
   * what was stored stays as it was.
   */
  putIfAbsent(key: string, bytes: Buffer): Promise<PutOutcome>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * Moves a stored object whose bytes no longer match their digest out of the chunk keys, to
   * `quarantine/<space>/<chunk>.<time>`, where it is never served but an operator can look at
   * it: the digest row may be the damaged one, and the bytes may be the only copy left.
   */
  quarantine(key: string, bytes: Buffer): Promise<string>;
}

/** Where a damaged chunk is kept aside: outside every chunk key (a space id is 16+ characters). */
export function quarantineKey(key: string, at: Date): string {
  return `quarantine/${key}.${at.toISOString().replace(/[:.]/g, '-')}`;
}

/** Ids are base64url of random bytes: nothing a person named, nothing a path can escape with. */
export const BLOB_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function chunkKey(spaceId: string, chunkId: string): string {
  if (!BLOB_ID.test(spaceId) || !BLOB_ID.test(chunkId)) {
    throw new RangeError('A chunk key is made of two random ids.');
  }
  return `${spaceId}/${chunkId}`;
}
