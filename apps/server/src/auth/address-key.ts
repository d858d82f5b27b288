/**
 * The key of the per-address rate-limit hash. It is kept out of the database on purpose: the
 * database holds the hashed addresses, and a backup or a stolen dump holding both could test
 * every IPv4 address against them in minutes. From `ADDRESS_KEY` (base64url of 32 bytes; set
 * the same on every process of one deployment), else a file beside the data, made on first
 * start, readable by the server's user only.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const ADDRESS_KEY_BYTES = 32;

export function parseAddressKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64url');
  if (key.length !== ADDRESS_KEY_BYTES || key.toString('base64url') !== text.trim()) {
    throw new Error(
      "The server's settings are not right: ADDRESS_KEY must be 32 random bytes in base64url (43 characters).",
    );
  }
  return key;
}

/** The key from the file at `path`, made there (mode 600) when there is none yet. */
export async function addressKeyFromFile(path: string): Promise<Buffer> {
  try {
    return parseAddressKey(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(path), { recursive: true });
  const key = randomBytes(ADDRESS_KEY_BYTES);
  try {
    // 'wx': two processes starting at once make one key; the second reads the first's.
    await writeFile(path, `${key.toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseAddressKey(await readFile(path, 'utf8'));
  }
  await chmod(path, 0o600);
  return key;
}
