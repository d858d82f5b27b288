/**
 * Chunks as files under one folder: `<root>/<space>/<chunk>`. A write goes to a temporary
 * file, flushed, then hard-linked into place: `link` fails when the name exists (where
 * `rename` would replace it), so a stored chunk is never overwritten, and a crash leaves
 * either the whole chunk or none of it.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BLOB_ID, type BlobStore, type PutOutcome, quarantineKey } from './blob-store';

export class FsBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    const parts = key.split('/');
    if (parts.length !== 2 || !parts.every((part) => BLOB_ID.test(part))) {
      throw new RangeError('That is not a chunk key.');
    }
    return join(this.root, ...parts);
  }

  async putIfAbsent(key: string, bytes: Buffer): Promise<PutOutcome> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temp, bytes, { flush: true });
    try {
      await link(temp, path);
      return 'stored';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const before = await readFile(path);
      return before.equals(bytes) ? 'already' : 'conflict';
    } finally {
      await unlink(temp);
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.path(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.path(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  /** A rename on the same disk: the bytes move aside whole, with no second copy written. */
  async quarantine(key: string, _bytes: Buffer): Promise<string> {
    const from = this.path(key);
    const aside = quarantineKey(key, new Date());
    const to = join(this.root, ...aside.split('/'));
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to);
    return aside;
  }
}
