import type { FileHandle } from 'node:fs/promises';
import { Reader } from '@zip.js/zip.js';

/**
 * zip.js random access over a Node FileHandle: each read is one positioned `read`. Not
 * `fs.openAsBlob`, which gets sizes over 2 GiB wrong on Node 20 (nodejs/node#52585).
 */
export class FileHandleReader extends Reader<FileHandle> {
  readonly #handle: FileHandle;

  constructor(handle: FileHandle) {
    super(handle);
    this.#handle = handle;
  }

  override async init(): Promise<void> {
    this.size = (await this.#handle.stat()).size;
  }

  override async readUint8Array(index: number, length: number): Promise<Uint8Array> {
    const wanted = Math.max(0, Math.min(length, this.size - index));
    const data = new Uint8Array(wanted);
    let at = 0;
    while (at < wanted) {
      const { bytesRead } = await this.#handle.read(data, at, wanted - at, index + at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === wanted ? data : data.subarray(0, at);
  }
}
