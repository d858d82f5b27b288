import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseInitials } from '@casebook/importers';
import { writeBackup } from '@casebook/vault';
import { type TakenIn, takeInFile, usedExhibitRefs } from '../intake/take-in-file';
import { EXIT, type Output } from '../io';
import { openVaultCopy } from '../open-vault';
import { alreadyThere, writeNewFile } from '../write-new-file';
import { formatBytes } from './format';
import { nodeSha256 } from './verify';

export interface AddArgs {
  readonly casebook: string;
  readonly files: readonly string[];
  readonly initials: string | undefined;
  readonly out: string | undefined;
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
  // Beside the new casebook: the same disk, and never a RAM-backed /tmp.
  const opened = await openVaultCopy(args.casebook, `${out}.spool`, output, {
    refusal: 'Casebook did not add anything',
    verb: 'adding to it',
    nothing: 'Nothing was written.',
  });
  if (typeof opened === 'number') return opened;
  const { vault, store } = opened;
  try {
    const used = await usedExhibitRefs(vault);
    const added: TakenIn[] = [];
    for (const file of args.files) {
      try {
        // Inside the try: a file that went away since the checks gets the same message.
        const info = await stat(file);
        added.push(await takeInFile(vault, file, info, initials.initials, used));
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

    const written = await writeNewFile(out, writeBackup(store, { hasher: nodeSha256 }));
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
