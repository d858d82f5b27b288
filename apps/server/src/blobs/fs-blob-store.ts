/**
 * Chunks as files under one folder: `<root>/<space>/<chunk>`. A write goes to a temporary
 * file and is renamed into place, so a crash leaves either the whole chunk or none of it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BLOB_ID, type BlobStore } from './blob-store';

export class FsBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    const parts = key.split('/');
    if (parts.length !== 2 || !parts.every((part) => BLOB_ID.test(part))) {
      throw new RangeError('That is not a chunk key.');
    }
    return join(this.root, ...parts);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temp, bytes, { flush: true });
    await rename(temp, path);
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
}
