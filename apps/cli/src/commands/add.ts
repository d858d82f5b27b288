import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseInitials } from '@casebook/importers';
import { restoreBackup, Vault, type VaultStore, verifyBackup, writeBackup } from '@casebook/vault';
import { createSpoolStore } from '@casebook/vault/spool';
import { type TakenIn, takeInFile, usedExhibitRefs } from '../intake/take-in-file';
import { EXIT, type Output, openFile } from '../io';
import { alreadyThere, writeNewFile } from '../write-new-file';
import { formatBytes } from './format';
import { openBackupArgs } from './open-backup';
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
 * Passes the pieces through, hashing them, so two reads of one file can be compared. The
 * vault stops reading at the END frame; `digest` reads whatever is left, so it covers the file.
 */
function hashing(source: AsyncIterable<Uint8Array>) {
  const hash = createHash('sha256');
  const pieces = (async function* () {
    for await (const piece of source) {
      hash.update(piece);
      yield piece;
    }
  })();
  return {
    pieces,
    digest: async () => {
      for await (const _ of pieces) {
        // Only read to the end, through the hash.
      }
      return hash.digest('hex');
    },
  };
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
  const opened = await openBackupArgs(args.casebook, output);
  if (typeof opened === 'number') return opened;
  const { passphrase } = opened;

  // The same check as `casebook verify`, first: adding to a casebook with problems would
  // write a new file that no longer shows them.
  const verifiedRead = hashing(opened.source);
  const verified = await verifyBackup(verifiedRead.pieces, { passphrase }, { hasher: nodeSha256 });
  if (!verified.ok) return fail(`${verified.message} Nothing was written.`);
  const verifiedDigest = await verifiedRead.digest();
  if (!verified.value.report.ok) {
    output.err(
      `Casebook did not add anything: ${args.casebook} has problems, so adding to it would hide them. Run casebook verify ${args.casebook} to see them.`,
    );
    for (const problem of verified.value.report.problems) output.err(`- ${problem.message}`);
    return EXIT.failed;
  }
  // Read again to restore (it may be gigabytes, so it is streamed twice, never held).
  const reopened = await openFile(args.casebook);
  if (!reopened.ok) return fail(`${reopened.message} Nothing was written.`);
  const restoredRead = hashing(reopened.source);

  let store: VaultStore;
  try {
    // Beside the new casebook: the same disk, and never a RAM-backed /tmp.
    store = await createSpoolStore(`${out}.spool`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      return fail(`${out}.spool is left over from an earlier attempt. Delete it, then try again.`);
    if (code === 'EACCES' || code === 'EROFS' || code === 'ENOENT')
      return fail(`Casebook cannot write to ${dirname(out)}.`);
    throw error;
  }
  let vault: Vault | undefined;
  try {
    // The passphrase was checked by the verify pass; the digests below prove it is one file.
    const restored = await restoreBackup(restoredRead.pieces, store, { hasher: nodeSha256 });
    if (!restored.ok) return fail(`${restored.message} Nothing was written.`);
    // What was restored must be what was verified: the file may have changed in between.
    if ((await restoredRead.digest()) !== verifiedDigest)
      return fail(
        `${args.casebook} changed while Casebook was reading it. Nothing was written; wait until nothing is writing to it, then try again.`,
      );
    const unlocked = await Vault.unlock(store, passphrase);
    if (!unlocked.ok) return fail(`${unlocked.message} Nothing was written.`);
    vault = unlocked.value;

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
    await vault?.lock();
    await store.close();
  }
}
