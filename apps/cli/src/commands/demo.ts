import { open, rename, rm } from 'node:fs/promises';
import { Vault, writeBackup } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { demoData, populateVault } from '../demo/populate-vault';
import { EXIT, type Output } from '../io';
import { NO_PASSPHRASE, readPassphrase } from '../passphrase';

export interface DemoArgs {
  readonly incidents: number | undefined;
  readonly weeks: number | undefined;
  readonly seed: number | undefined;
}

/** `casebook demo <out.casebook>`: a realistic, entirely made-up casebook to try things with. */
export async function demoCommand(path: string, output: Output, args: DemoArgs): Promise<number> {
  const incidents = args.incidents ?? 120;
  const weeks = args.weeks ?? 12;
  const seed = args.seed ?? 1;
  if (![incidents, weeks, seed].every(Number.isInteger) || incidents < 0 || weeks < 1) {
    output.err('--incidents must be a whole number, 0 or more, and --weeks 1 or more.');
    return EXIT.failed;
  }
  const passphrase = await readPassphrase('Passphrase for the demo casebook: ');
  if (passphrase === undefined || passphrase.trim() === '') {
    output.err(NO_PASSPHRASE);
    return EXIT.failed;
  }
  // Never overwrite: a person's real backup may have that name.
  try {
    await (await open(path, 'wx')).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      output.err(`${path} already exists. Choose another name; Casebook never overwrites a file.`);
      return EXIT.failed;
    }
    throw error;
  }
  const partial = `${path}.partial`;
  try {
    const store = createMemoryStore();
    const { vault } = await Vault.create(store, passphrase);
    const demo = demoData({ incidents, weeks, seed });
    const { files } = await populateVault(vault, demo);
    const handle = await open(partial, 'w');
    try {
      for await (const piece of writeBackup(store)) await handle.write(piece);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, path);
    output.out(
      `Wrote ${path}: ${demo.incidents.length} incidents over ${weeks} weeks, ${demo.people.length} people, ${demo.calls.length} calls, ${demo.items.length} physical items and ${files} evidence files. Everything in it is made up.`,
    );
    return EXIT.ok;
  } catch (error) {
    await rm(partial, { force: true });
    await rm(path, { force: true });
    throw error;
  }
}
