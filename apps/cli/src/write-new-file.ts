import { link, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

const MiB = 1024 * 1024;

export type WriteOutcome = { ok: true; bytes: number } | { ok: false; message: string };

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The one-sentence refusal when a file is already where we would write. */
export const alreadyThere = (path: string) =>
  `${path} already exists. Choose another name with --out; Casebook never overwrites a file.`;

/**
 * Writes a stream to a new file at `path` and never replaces an existing one: everything goes
 * to `<path>.partial`, is synced to disk, and only then appears under its name (a hard link,
 * which fails rather than overwrite; a rename where links are not supported). A failure
 * part-way removes the partial file, so `path` is either whole or absent.
 */
export async function writeNewFile(
  path: string,
  pieces: AsyncIterable<Uint8Array>,
): Promise<WriteOutcome> {
  if (await exists(path)) return { ok: false, message: alreadyThere(path) };
  const partial = `${path}.partial`;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(partial, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      return {
        ok: false,
        message: `${partial} is left over from an earlier attempt that did not finish. Delete it, then try again.`,
      };
    if (code === 'EACCES' || code === 'EROFS' || code === 'ENOENT')
      return { ok: false, message: `Casebook cannot write to ${dirname(path)}.` };
    throw error;
  }
  let bytes = 0;
  try {
    try {
      // Frames come in small pieces; gather about 1 MiB per write.
      let batch: Uint8Array[] = [];
      let batched = 0;
      for await (const piece of pieces) {
        batch.push(piece);
        batched += piece.length;
        if (batched >= MiB) {
          await writeAll(handle, batch);
          bytes += batched;
          batch = [];
          batched = 0;
        }
      }
      await writeAll(handle, batch);
      bytes += batched;
      await handle.sync();
    } finally {
      await handle.close();
    }
    await placeWithoutOverwriting(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC')
      return {
        ok: false,
        message: `There is not enough space on the disk for ${path}. Nothing was written; free some space, then try again.`,
      };
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return { ok: false, message: alreadyThere(path) };
    throw error;
  }
  await syncDirectory(dirname(path));
  return { ok: true, bytes };
}

/**
 * Gives a file that was written and synced in full (a finished backup spool) its final name,
 * never replacing a file there, and syncs the directory. On a refusal the caller closes the
 * spool, which removes the written file: the person is told the name is taken and runs the
 * command again with another `--out` (nothing of theirs is lost; the original is unchanged).
 */
export async function placeNewFile(written: string, path: string): Promise<WriteOutcome> {
  try {
    await placeWithoutOverwriting(written, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return { ok: false, message: alreadyThere(path) };
    throw error;
  }
  await syncDirectory(dirname(path));
  return { ok: true, bytes: (await stat(path)).size };
}

async function writeAll(handle: Awaited<ReturnType<typeof open>>, pieces: Uint8Array[]) {
  let rest = pieces.filter((p) => p.length > 0);
  while (rest.length > 0) {
    let { bytesWritten } = await handle.writev(rest);
    // A short write: drop what was written and carry on with the rest.
    while (rest[0] && bytesWritten >= rest[0].length) {
      bytesWritten -= rest[0].length;
      rest = rest.slice(1);
    }
    if (rest[0] && bytesWritten > 0) rest = [rest[0].subarray(bytesWritten), ...rest.slice(1)];
  }
}

async function placeWithoutOverwriting(partial: string, path: string): Promise<void> {
  try {
    await link(partial, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    // Some file systems (FAT on USB sticks) have no hard links: check, then rename.
    if (await exists(path)) throw Object.assign(new Error(alreadyThere(path)), { code: 'EEXIST' });
    await rename(partial, path);
    return;
  }
  // Linked: the new casebook is in place. Removing the old name is tidying only; a failure
  // here must not report the written casebook as not written.
  await rm(partial).catch(() => undefined);
}

/** So the new name itself survives a power cut. Not possible everywhere (Windows); best effort. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The file's data is already synced; only the directory entry's durability is at stake.
  }
}
