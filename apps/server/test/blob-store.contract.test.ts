import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../src/blobs/blob-store';
import { chunkKey } from '../src/blobs/blob-store';
import { S3_MAX_KEY_BYTES, S3BlobStore } from '../src/blobs/s3-blob-store';
import { type BlobEngine, type Engine, openBlobs } from './engines';

const id = () => randomBytes(16).toString('base64url');

describe.each(['fs', 's3'] as BlobEngine[])('blob store contract: %s', (engine) => {
  let env: Engine<BlobStore>;
  beforeAll(async () => {
    env = await openBlobs(engine);
  });
  afterAll(async () => env.close());

  it('keeps the exact bytes of a chunk under its key', async () => {
    const key = chunkKey(id(), id());
    const bytes = randomBytes(300_000);
    expect(await env.value.has(key)).toBe(false);
    expect(await env.value.get(key)).toBeUndefined();
    await env.value.put(key, bytes);
    expect(await env.value.has(key)).toBe(true);
    expect((await env.value.get(key))?.equals(bytes)).toBe(true);
  });

  it('writing the same key again is harmless, and delete removes it', async () => {
    const key = chunkKey(id(), id());
    const bytes = randomBytes(1000);
    await env.value.put(key, bytes);
    await env.value.put(key, bytes);
    expect((await env.value.get(key))?.equals(bytes)).toBe(true);
    await env.value.delete(key);
    expect(await env.value.has(key)).toBe(false);
    await env.value.delete(key);
  });

  it('keeps chunks of different spaces apart', async () => {
    const chunk = id();
    const a = chunkKey(id(), chunk);
    const b = chunkKey(id(), chunk);
    await env.value.put(a, Buffer.from('a'.repeat(64)));
    expect(await env.value.has(b)).toBe(false);
  });

  it('refuses a key that is not two random ids (no path can escape)', async () => {
    await expect(env.value.put('../../etc/passwd', Buffer.alloc(1))).rejects.toThrow(RangeError);
    await expect(env.value.get(`${id()}/..`)).rejects.toThrow(RangeError);
    expect(() => chunkKey('notes.txt', id())).toThrow(RangeError);
  });
});

describe('S3 limits are ours to keep (s3rver accepts more)', () => {
  it('refuses a key longer than 1,024 bytes before any request', () => {
    const store = new S3BlobStore({
      bucket: 'casebook-test',
      prefix: `${'p'.repeat(S3_MAX_KEY_BYTES)}/`,
      client: { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' },
    });
    expect(() => store.objectKey(`${id()}/${id()}`)).toThrow(/at most 1024 bytes/);
    store.close();
  });

  it('refuses a bucket name S3 would not take', () => {
    expect(() => new S3BlobStore({ bucket: 'Case_Book', client: {} })).toThrow(/bucket name/);
    expect(() => new S3BlobStore({ bucket: 'ab', client: {} })).toThrow(/bucket name/);
  });
});
