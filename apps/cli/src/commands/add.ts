import { constants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseInitials } from '@casebook/importers';
import {
  BackupReadError,
  finishBackupInPlace,
  recordsLength,
  type VaultStore,
  writeBackup,
} from '@casebook/vault';
import type { BackupSpool } from '@casebook/vault/spool';
import { type TakenIn, takeInFile, usedExhibitRefs } from '../intake/take-in-file';
import { EXIT, type Output } from '../io';
import { openVaultCopy } from '../open-vault';
import { alreadyThere, placeNewFile, type WriteOutcome, writeNewFile } from '../write-new-file';
import { formatBytes } from './format';
import { nodeSha256 } from './verify';

export interface AddArgs {
  readonly casebook: string;
  readonly files: readonly string[];
  readonly initials: string | undefined;
  readonly out: string | undefined;
  /** Tests only: the room kept for new records, instead of `ROOM_PER_FILE`'s reckoning. */
  readonly room?: number;
}

/** `diary.casebook` → `diary.new.casebook`, beside it. */
export function defaultOutPath(casebook: string): string {
  const name = basename(casebook);
  const stem = name.toLowerCase().endsWith('.casebook') ? name.slice(0, -'.casebook'.length) : name;
  return join(dirname(casebook), `${stem}.new.casebook`);
}

/** Why an evidence file cannot be taken in, or undefined when it can be read. */
async function cannotRead(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile())
      return `${path} is not a file. Name each file to add; folders are not taken in.`;
    await access(path, constants.R_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `There is no file at ${path}. Check the name and try again.`;
    if (code === 'EACCES' || code === 'EPERM') return `Casebook is not allowed to read ${path}.`;
    throw error;
  }
}

/**
 * Room kept before the chunks for the records that adding writes (each file's record and
 * manifest, twice over: in the log and as records, sealed and base64): 4.2 KiB for a file
 * without metadata (measured 2026-12-03). A file with more metadata, or a casebook upgraded on
 * opening, may need more; then the new file is written out in a second pass (`writeOut`).
 */
export const ROOM_PER_FILE = 32 * 1024;
const ROOM_BASE = 64 * 1024;
const ROOM_MAX = 8 * 1024 * 1024;

/**
 * Where the new casebook's chunks start: after its records' room (see `ROOM_PER_FILE`).
 * Undefined when the casebook cannot be read as a backup: opening it then says why.
 */
async function chunksStartAt(
  casebook: string,
  files: number,
  room: number | undefined,
): Promise<number | undefined> {
  const stream = createReadStream(casebook, { highWaterMark: 64 * 1024 });
  try {
    const records = await recordsLength(stream);
    return records + (room ?? Math.min(ROOM_MAX, ROOM_BASE + files * ROOM_PER_FILE));
  } catch (error) {
    if (error instanceof BackupReadError || (error as NodeJS.ErrnoException).code) return undefined;
    throw error;
  } finally {
    stream.destroy();
  }
}

/** Bytes taken in between two early syncs of the new file. */
const SYNC_EVERY = 128 * 1024 * 1024;

/**
 * Syncs the new file now and then while files are taken in, one sync at a time, so the disk
 * writes its chunks while the next are encrypted and the last sync (before it gets its name)
 * has only the tail left. Only durability comes earlier: the file is still the spool, under
 * no casebook's name. A failed early sync is left to the last one, which fails too.
 */
function earlySync(backup: BackupSpool | undefined) {
  let running: Promise<void> | undefined;
  let since = 0;
  let last = 0;
  return {
    progress(bytesIn: number) {
      // Counted again from zero for each file.
      since += bytesIn >= last ? bytesIn - last : bytesIn;
      last = bytesIn;
      if (!backup || running || since < SYNC_EVERY) return;
      since = 0;
      running = backup.sync().then(
        () => {
          running = undefined;
        },
        () => {
          running = undefined;
        },
      );
    },
    settled: async () => {
      await running;
    },
  };
}

/**
 * The new casebook at `out`: finished in place when the spool is its body (each chunk
 * written once), otherwise, or when its records outgrew their room, written out again from
 * the spool. Either way it is synced before it gets its name, and never replaces a file.
 */
async function writeOut(
  out: string,
  spoolPath: string,
  store: VaultStore,
  backup: BackupSpool | undefined,
): Promise<WriteOutcome> {
  if (backup) {
    const finished = await finishBackupInPlace(backup);
    if (finished.ok) return placeNewFile(spoolPath, out);
  }
  return writeNewFile(out, writeBackup(store, { hasher: nodeSha256 }));
}

/**
 * `casebook add <casebook> <file>... --initials AB [--out new.casebook]`: takes files in as
 * evidence, as the web app does, and writes the result as a new casebook. The original is
 * only read; the new file never replaces an existing one and is whole or absent.
 */
export async function addCommand(args: AddArgs, output: Output): Promise<number> {
  const fail = (message: string) => {
    output.err(message);
    return EXIT.failed;
  };
  if (args.initials === undefined)
    return fail('Casebook needs your initials for the exhibit numbers, e.g. --initials AB.');
  const initials = parseInitials(args.initials);
  if (!initials.ok) return fail(initials.reason);
  const out = args.out ?? defaultOutPath(args.casebook);
  if (
    await stat(out).then(
      () => true,
      () => false,
    )
  )
    return fail(alreadyThere(out));
  for (const file of args.files) {
    const problem = await cannotRead(file);
    if (problem) return fail(`${problem} Nothing was written.`);
  }
  // Beside the new casebook: the same disk, and never a RAM-backed /tmp. The spool is the new
  // file's body: chunks go in once, at their place, after room for the records.
  const spool = `${out}.spool`;
  const backupAt = await chunksStartAt(args.casebook, args.files.length, args.room);
  const opened = await openVaultCopy(
    args.casebook,
    spool,
    output,
    {
      refusal: 'Casebook did not add anything',
      verb: 'adding to it',
      nothing: 'Nothing was written.',
    },
    backupAt === undefined ? {} : { backupAt },
  );
  if (typeof opened === 'number') return opened;
  const { vault, store } = opened;
  try {
    const used = await usedExhibitRefs(vault);
    const added: TakenIn[] = [];
    const early = earlySync(opened.backup);
    for (const file of args.files) {
      try {
        // Inside the try: a file that went away since the checks gets the same message.
        const info = await stat(file);
        added.push(await takeInFile(vault, file, info, initials.initials, used, early.progress));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EIO')
          return fail(`Casebook could not read ${file} to the end. Nothing was written.`);
        if (code === 'ENOSPC')
          return fail(
            `There is not enough space on the disk beside ${out}. Nothing was written; free some space, then try again.`,
          );
        throw error;
      }
    }

    await early.settled();
    const written = await writeOut(out, spool, store, opened.backup);
    if (!written.ok) return fail(written.message);
    for (const item of added) {
      output.out(
        `${item.exhibitRef ?? '(no exhibit number)'}  ${item.sha256}  ${item.name} (${formatBytes(item.size)}, ${item.mediaType})`,
      );
      for (const note of item.notes) output.out(`    ${note}`);
    }
    output.out(
      `Wrote ${out} with ${added.length} new ${added.length === 1 ? 'file' : 'files'}. ${args.casebook} is unchanged.`,
    );
    return EXIT.ok;
  } finally {
    await opened.close();
  }
}
