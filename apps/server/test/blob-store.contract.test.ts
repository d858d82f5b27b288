import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
    expect(await env.value.putIfAbsent(key, bytes)).toBe('stored');
    expect(await env.value.has(key)).toBe(true);
    expect((await env.value.get(key))?.equals(bytes)).toBe(true);
  });

  it('writing the same bytes again is harmless, and delete removes it', async () => {
    const key = chunkKey(id(), id());
    const bytes = randomBytes(1000);
    expect(await env.value.putIfAbsent(key, bytes)).toBe('stored');
    expect(await env.value.putIfAbsent(key, Buffer.from(bytes))).toBe('already');
    expect((await env.value.get(key))?.equals(bytes)).toBe(true);
    await env.value.delete(key);
    expect(await env.value.has(key)).toBe(false);
    await env.value.delete(key);
  });

  it('never replaces a stored chunk: other bytes under its key are refused', async () => {
    const key = chunkKey(id(), id());
    const first = randomBytes(2000);
    expect(await env.value.putIfAbsent(key, first)).toBe('stored');
    expect(await env.value.putIfAbsent(key, randomBytes(2000))).toBe('conflict');
    expect(await env.value.putIfAbsent(key, randomBytes(10))).toBe('conflict');
    expect((await env.value.get(key))?.equals(first)).toBe(true);
  });

  it('two writes of one key at once: one is stored, the other is told', async () => {
    const key = chunkKey(id(), id());
    const [x, y] = [randomBytes(50_000), randomBytes(50_000)];
    const outcomes = await Promise.all([
      env.value.putIfAbsent(key, x),
      env.value.putIfAbsent(key, y),
    ]);
    const kept = await env.value.get(key);
    // Put-if-absent is atomic on files and on real S3; s3rver ignores If-None-Match, so on
    // it our look-first narrows the race but both may report 'stored'. What is kept is
    // always one of the two, whole.
    expect(kept?.equals(x) || kept?.equals(y)).toBe(true);
    if (engine === 'fs') expect([...outcomes].sort()).toEqual(['conflict', 'stored']);
  });

  it('a damaged chunk is moved aside whole, under a quarantine key, never under its own', async () => {
    const key = chunkKey(id(), id());
    const bytes = randomBytes(5000);
    await env.value.putIfAbsent(key, bytes);
    const aside = await env.value.quarantine(key, bytes);
    expect(aside.startsWith(`quarantine/${key}.`)).toBe(true);
    expect(await env.value.has(key)).toBe(false);
    expect(await env.value.get(key)).toBeUndefined();
    // The bytes are still on the store's disk, on a path under the quarantine folder.
    const holding = await filesHolding(env.dir, bytes);
    expect(holding).toHaveLength(1);
    expect(holding[0]).toContain(`${join('quarantine', ...key.split('/'))}.`);
    // Positive control: a chunk not quarantined is found the same way, under its own key.
    const other = chunkKey(id(), id());
    const otherBytes = randomBytes(5000);
    await env.value.putIfAbsent(other, otherBytes);
    const found = await filesHolding(env.dir, otherBytes);
    expect(found).toHaveLength(1);
    expect(found[0]).not.toContain('quarantine');
  });

  it('keeps chunks of different spaces apart', async () => {
    const chunk = id();
    const a = chunkKey(id(), chunk);
    const b = chunkKey(id(), chunk);
    await env.value.putIfAbsent(a, Buffer.from('a'.repeat(64)));
    expect(await env.value.has(b)).toBe(false);
  });

  it('refuses a key that is not two random ids (no path can escape)', async () => {
    await expect(env.value.putIfAbsent('../../etc/passwd', Buffer.alloc(1))).rejects.toThrow(
      RangeError,
    );
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

/** Every file under `dir` whose bytes are exactly `bytes` (both stores keep objects as files). */
async function filesHolding(dir: string, bytes: Buffer): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path)).equals(bytes)) found.push(path);
  }
  return found;
}
