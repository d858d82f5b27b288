/**
 * The key of the per-address rate-limit hash. It is kept out of the database on purpose: the
 * database holds the hashed addresses, and a backup or a stolen dump holding both could test
 * every IPv4 address against them in minutes. From `ADDRESS_KEY` (base64url of 32 bytes; set
 * the same on every process of one deployment), else a file beside the data, made on first
 * start, readable by the server's user only.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ADDRESS_KEY_BYTES = 32;

/** `source` names where the text came from, so the message points at what to fix. */
export function parseAddressKey(text: string, source = 'ADDRESS_KEY'): Buffer {
  const key = Buffer.from(text.trim(), 'base64url');
  if (key.length !== ADDRESS_KEY_BYTES || key.toString('base64url') !== text.trim()) {
    throw new Error(
      `The server's settings are not right: ${source} must be 32 random bytes in base64url (43 characters).`,
    );
  }
  return key;
}

const EMPTY_READ_TRIES = 20;
const EMPTY_READ_WAIT_MS = 50;

/**
 * The key in the file, or undefined when there is no file. An empty file is read again for
 * about a second (a file made by an older server between its create and its write), then
 * named in the error with what to do.
 */
async function readKeyFile(path: string): Promise<Buffer | undefined> {
  for (let attempt = 0; ; attempt += 1) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (text.trim() !== '') return parseAddressKey(text, `the address-key file ${path}`);
    if (attempt + 1 >= EMPTY_READ_TRIES) {
      throw new Error(
        `The address-key file ${path} is empty (a start that was cut short). Delete it and start the server again: a new key is made, and only the rate-limit counts start afresh.`,
      );
    }
    await sleep(EMPTY_READ_WAIT_MS);
  }
}

/** The key from the file at `path`, made there (mode 600) when there is none yet. */
export async function addressKeyFromFile(path: string): Promise<Buffer> {
  const existing = await readKeyFile(path);
  if (existing) return existing;
  await mkdir(dirname(path), { recursive: true });
  const key = randomBytes(ADDRESS_KEY_BYTES);
  // Written whole (and synced) under a name of its own, then linked into place: the key file
  // is never seen empty or half-written, and link() fails if another process got there first,
  // in which case both use that one's key.
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const file = await open(temp, 'wx', 0o600);
  try {
    await file.writeFile(`${key.toString('base64url')}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const theirs = await readKeyFile(path);
    if (!theirs) throw error;
    return theirs;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return key;
}
