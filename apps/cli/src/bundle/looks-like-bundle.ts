import { open } from 'node:fs/promises';

const ZIP_MAGIC = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
];

/**
 * A bundle is a ZIP file: by its first bytes, or by its name when it is too damaged to tell.
 * Kept apart from the bundle verifier so that other commands do not load the report package.
 */
export async function looksLikeBundle(path: string): Promise<boolean> {
  if (/\.zip$/i.test(path)) return true;
  try {
    const handle = await open(path, 'r');
    try {
      const head = new Uint8Array(4);
      const { bytesRead } = await handle.read(head, 0, 4, 0);
      return bytesRead === 4 && ZIP_MAGIC.some((magic) => magic.every((b, i) => head[i] === b));
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
