/**
 * The blob port: one object per encrypted chunk, under a key the server makes from random
 * ids (`<space>/<chunk>`). Adapters: the filesystem (default) and S3-compatible storage;
 * test/blob-store.contract.test.ts holds both to one contract.
 */
export interface BlobStore {
  /** Writes the whole object; writing the same key again replaces it with the same bytes. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

/** Ids are base64url of random bytes: nothing a person named, nothing a path can escape with. */
export const BLOB_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function chunkKey(spaceId: string, chunkId: string): string {
  if (!BLOB_ID.test(spaceId) || !BLOB_ID.test(chunkId)) {
    throw new RangeError('A chunk key is made of two random ids.');
  }
  return `${spaceId}/${chunkId}`;
}
