import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  type EvidenceItem,
  type ImportedCall,
  type ImportedMessage,
  initialsInUse,
  knownImportKeys,
  namesSomeone,
  planImport,
  type Random,
  TimeZoneSchema,
} from '@casebook/core';
import { describeExport, type ExportContents, parseInitials } from '@casebook/importers';
import { writeBackup } from '@casebook/vault';
import { readExportFile } from '../import/read-export-file';
import { storeFile, usedExhibitRefs } from '../intake/take-in-file';
import { EXIT, type Output } from '../io';
import { openVaultCopy } from '../open-vault';
import { alreadyThere, writeNewFile } from '../write-new-file';
import { defaultOutPath } from './add';
import { nodeSha256 } from './verify';

const nodeRandom: Random = { bytes: (n) => new Uint8Array(randomBytes(n)) };

export interface ImportArgs {
  readonly casebook: string;
  readonly files: readonly string[];
  readonly zone: string | undefined;
  /** The person responsible, as the export writes them (repeatable). */
  readonly from: readonly string[];
  readonly initials: string | undefined;
  readonly out: string | undefined;
  readonly dateOrder: string | undefined;
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of createReadStream(path, { highWaterMark: 1024 * 1024 }))
    hash.update(piece as Buffer);
  return hash.digest('hex');
}

const isNew =
  (known: ReadonlySet<string>) =>
  (r: ImportedMessage | ImportedCall): boolean =>
    !known.has(r.key);

/**
 * `casebook import <casebook> <export>... [--zone] [--from] [--initials] [--out]`: reads each
 * export, keeps the export file as an exhibit and every message and call not already in the
 * casebook as a record pointing at it (the exhibit and its records in one commit), and writes
 * the result as a new casebook, as `add` does. Any file that cannot be read stops everything
 * before anything is written.
 */
export async function importCommand(args: ImportArgs, output: Output): Promise<number> {
  const fail = (message: string) => {
    output.err(message);
    return EXIT.failed;
  };
  const zone = args.zone ?? 'Europe/London';
  if (!TimeZoneSchema.safeParse(zone).success)
    return fail(
      `"${zone}" is not a time zone Casebook knows. Use a name such as Europe/London or America/New_York. Nothing was written.`,
    );
  if (
    args.dateOrder !== undefined &&
    args.dateOrder !== 'day-first' &&
    args.dateOrder !== 'month-first'
  )
    return fail('--date-order is day-first or month-first. Nothing was written.');
  const dateOrder = args.dateOrder as 'day-first' | 'month-first' | undefined;
  const out = args.out ?? defaultOutPath(args.casebook);
  if (
    await stat(out).then(
      () => true,
      () => false,
    )
  )
    return fail(alreadyThere(out));

  // Every file is read before the casebook is opened: one that cannot be read changes nothing.
  const found: { path: string; contents: ExportContents }[] = [];
  for (const path of args.files) {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile())
      return fail(
        `There is no file at ${path}. Check the name and try again. Nothing was written.`,
      );
    const read = await readExportFile(path, {
      zone,
      ...(dateOrder === undefined ? {} : { dateOrder }),
    });
    if (!read.ok) return fail(read.message);
    found.push({ path, contents: read.value });
  }

  // --from must name someone in at least one file (a typo would otherwise count nothing).
  for (const name of args.from) {
    if (!found.some((f) => namesSomeone([name], f.contents.messages, f.contents.calls))) {
      const people = [...new Set(found.flatMap((f) => f.contents.people.map((p) => p.name)))];
      return fail(
        `No one in ${found.map((f) => f.path).join(', ')} is written as "${name}". The people in it are: ${people
          .slice(0, 10)
          .join(', ')}. Give --from as the export writes them. Nothing was written.`,
      );
    }
  }

  const opened = await openVaultCopy(args.casebook, `${out}.spool`, output, {
    refusal: 'Casebook did not import anything',
    verb: 'importing into it',
    nothing: 'Nothing was written.',
  });
  if (typeof opened === 'number') return opened;
  const { vault, store } = opened;
  try {
    const used = await usedExhibitRefs(vault);
    const initialsText = args.initials ?? initialsInUse(used);
    if (initialsText === undefined)
      return fail(
        'Casebook needs your initials for the exhibit numbers, e.g. --initials AB. Nothing was written.',
      );
    const initials = parseInitials(initialsText);
    if (!initials.ok) return fail(`${initials.reason} Nothing was written.`);
    // Keys of deleted messages and calls too: a deleted message is never added back.
    const known = await knownImportKeys(vault);
    const evidence = (await vault.list('evidence')).flatMap((s) =>
      s.deleted ? [] : [s.body as EvidenceItem],
    );
    const lines: string[] = [];
    let added = 0;
    for (const { path, contents } of found) {
      const summary = describeExport(contents, zone);
      const fresh = [...contents.messages, ...contents.calls].filter(isNew(known));
      if (fresh.length === 0) {
        lines.push(`${basename(path)}: ${summary}. All already in the casebook; nothing added.`);
        continue;
      }
      // The same file kept before (an import cut short by an error) is not kept twice.
      const digest = await sha256OfFile(path);
      const kept = evidence.find((e) => e.sha256 === digest);
      let item: EvidenceItem | undefined;
      if (kept === undefined) {
        const info = await stat(path);
        item = (await storeFile(vault, path, info, initials.initials, used)).item;
        evidence.push(item);
      }
      const exhibitItem = kept ?? (item as EvidenceItem);
      const plan = planImport({
        messages: contents.messages,
        calls: contents.calls,
        exhibit: {
          evidenceId: exhibitItem.id,
          ...(exhibitItem.exhibitRef === undefined ? {} : { exhibitRef: exhibitItem.exhibitRef }),
        },
        parties: { responsible: args.from },
        known,
        random: nodeRandom,
      });
      // One commit: the exhibit's record and every message and call, or none of them.
      await vault.createMany([
        ...(item === undefined ? [] : [{ kind: 'evidence', id: item.id, body: item }]),
        ...plan.records,
      ]);
      added += plan.records.length;
      const again = plan.alreadyThere > 0 ? ` (${plan.alreadyThere} already there)` : '';
      lines.push(
        `${exhibitItem.exhibitRef ?? '(no exhibit number)'}  ${basename(path)}: ${summary}. Added ${plan.newMessages} ${plan.newMessages === 1 ? 'message' : 'messages'} and ${plan.newCalls} ${plan.newCalls === 1 ? 'call' : 'calls'}${again}.`,
      );
    }
    if (added === 0) {
      for (const line of lines) output.out(line);
      output.out(
        `Nothing new to import, so no casebook was written. ${args.casebook} is unchanged.`,
      );
      return EXIT.ok;
    }
    const written = await writeNewFile(out, writeBackup(store, { hasher: nodeSha256 }));
    if (!written.ok) return fail(written.message);
    for (const line of lines) output.out(line);
    output.out(`Wrote ${out}. ${args.casebook} is unchanged.`);
    return EXIT.ok;
  } finally {
    await opened.close();
  }
}
