/**
 * `casebook report` and `casebook export`: headless, what the web app's Report screen makes —
 * the PDF report, the CSVs, the JSON and the evidence bundle — from one redacted copy of a
 * .casebook file. The file is only read (it is opened as a working copy in a spool beside the
 * output, which is removed after); outputs never replace an existing file.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AccountOptions,
  makeBundle,
  makeCsv,
  makeJson,
  makePdf,
  prepareAccount,
} from '@casebook/handover';
import type { RedactionChoice, RedactionProfile } from '@casebook/report';
import { EXIT, type Output } from '../io';
import { openVaultCopy } from '../open-vault';
import { alreadyThere, writeNewFile } from '../write-new-file';
import { nodeFonts } from './node-fonts';

const VERSION = '0.1.0';

export interface AccountArgs {
  readonly casebook: string;
  readonly pdf?: string;
  readonly bundle?: string;
  readonly csvDir?: string;
  readonly json?: string;
  readonly from?: string;
  readonly to?: string;
  readonly title?: string;
  readonly zone?: string;
  readonly profile?: string;
  /** Field paths to redact (as the report's redaction log names them), e.g. people.<id>.phones. */
  readonly redact?: readonly string[];
  /** Words blacked out wherever they appear (children's names, a new street or school). */
  readonly words?: readonly string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a day that exists (`2026-02-30` and `2026-13-01` do not). */
const inCalendar = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
};

async function* once(text: string) {
  yield new TextEncoder().encode(text);
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Checks the choices; a plain sentence when one is wrong. */
function choices(args: AccountArgs): AccountOptions | string {
  for (const [name, value] of [
    ['--from', args.from],
    ['--to', args.to],
  ] as const) {
    if (value !== undefined && !DATE.test(value))
      return `${name} takes a date written like 2026-03-31.`;
    if (value !== undefined && !inCalendar(value))
      return `${name} ${value} is not a date in the calendar; write one like 2026-03-31.`;
  }
  if (args.from !== undefined && args.to !== undefined && args.to < args.from)
    return `--to ${args.to} is before --from ${args.from}, so no incident could be in the report.`;
  const zone = args.zone ?? 'Europe/London';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
  } catch {
    return `Casebook does not know the time zone "${zone}". Use a name like Europe/London.`;
  }
  const profile = (args.profile ?? 'police') as RedactionProfile;
  if (profile !== 'police' && profile !== 'disclosure')
    return '--profile is police (everything) or disclosure (a copy for the other side, with sensitive details redacted).';
  const fields: RedactionChoice[] = (args.redact ?? []).map((path) => ({
    path,
    action: 'redact',
    reason: 'chosen by the person',
  }));
  const range =
    args.from !== undefined || args.to !== undefined
      ? { ...(args.from && { from: args.from }), ...(args.to && { to: args.to }) }
      : undefined;
  return {
    title: args.title ?? 'Account of incidents',
    timeZone: zone,
    casebookVersion: VERSION,
    ...(range && { range }),
    redaction: {
      profile,
      fields,
      terms: (args.words ?? [])
        .map((text) => text.trim())
        .filter((text) => text !== '')
        .map((text) => ({ text, reason: 'chosen by the person' })),
    },
  };
}

/** A Node file as the WritableStream the bundle writer takes, written through writeNewFile. */
function fileSink(path: string) {
  const pipe = new TransformStream<Uint8Array, Uint8Array>();
  const written = writeNewFile(path, pipe.readable as unknown as AsyncIterable<Uint8Array>);
  return { writable: pipe.writable, written };
}

export async function accountCommand(args: AccountArgs, output: Output): Promise<number> {
  const fail = (message: string) => {
    output.err(message);
    return EXIT.failed;
  };
  const targets = [args.pdf, args.bundle, args.csvDir, args.json].filter(
    (t): t is string => t !== undefined,
  );
  if (targets.length === 0)
    return fail(
      'Say what to make: --out report.pdf, --bundle out.zip, --csv DIR or --json out.json.',
    );
  const options = choices(args);
  if (typeof options === 'string') return fail(options);
  for (const target of [args.pdf, args.bundle, args.json]) {
    if (target !== undefined && (await exists(target))) return fail(alreadyThere(target));
  }
  const csvPaths = args.csvDir
    ? [join(args.csvDir, 'chronology.csv'), join(args.csvDir, 'exhibits.csv')]
    : [];
  for (const path of csvPaths) if (await exists(path)) return fail(alreadyThere(path));

  const spool = `${targets[0]}.spool`;
  const opened = await openVaultCopy(args.casebook, spool, output, {
    refusal: 'Casebook did not make anything',
    verb: 'reporting from it',
    nothing: 'Nothing was written.',
  });
  if (typeof opened === 'number') return opened;
  try {
    const { vault } = opened;
    const account = await prepareAccount(vault, options);
    const { snapshot } = account;
    for (const item of account.leftOut)
      output.err(`Left out: ${item.kind} ${item.id} (${item.problem}).`);
    const made: string[] = [];
    // The bundle first: its audit log then ends where the report's fingerprint says.
    if (args.bundle) {
      const sink = fileSink(args.bundle);
      const outcome = await makeBundle(
        vault,
        account,
        {
          fonts: await nodeFonts(),
          sha256: () => createHash('sha256'),
          producer: `Casebook ${VERSION}`,
        },
        sink.writable,
      );
      const written = await sink.written.catch(() => ({
        ok: false as const,
        message: `Casebook could not finish writing ${args.bundle}.`,
      }));
      if (!outcome.ok) return fail(`${outcome.message} No bundle was written.`);
      if (!written.ok) return fail(written.message);
      made.push(
        `${args.bundle} (evidence bundle: ${outcome.files.length} files, key ${outcome.keyFingerprint})`,
      );
    }
    if (args.pdf) {
      const pdf = await makePdf(vault, account, await nodeFonts());
      const written = await writeNewFile(
        args.pdf,
        (async function* () {
          yield pdf;
        })(),
      );
      if (!written.ok) return fail(written.message);
      made.push(`${args.pdf} (PDF report)`);
    }
    if (args.csvDir) {
      await mkdir(args.csvDir, { recursive: true });
      const [chronology, exhibits] = csvPaths as [string, string];
      const a = await writeNewFile(chronology, once(await makeCsv(vault, account, 'chronology')));
      if (!a.ok) return fail(a.message);
      const b = await writeNewFile(exhibits, once(await makeCsv(vault, account, 'exhibits')));
      if (!b.ok) return fail(b.message);
      made.push(`${chronology} and ${exhibits} (CSV)`);
    }
    if (args.json) {
      const written = await writeNewFile(args.json, once(await makeJson(vault, account)));
      if (!written.ok) return fail(written.message);
      made.push(`${args.json} (JSON)`);
    }
    output.out(
      `${snapshot.counts.incidents} incidents and ${snapshot.counts.exhibits} exhibits, ${snapshot.range.text}; ${snapshot.redaction.profile === 'disclosure' ? `disclosure copy, ${account.redactions.length} details redacted` : 'full copy for the police'}.`,
    );
    for (const line of made) output.out(`Wrote ${line}.`);
    output.out(
      `Fingerprint of the casebook's history: ${snapshot.fingerprint}. ${args.casebook} is unchanged (what was made is not noted in its log; reports made in the app are).`,
    );
    return EXIT.ok;
  } finally {
    await opened.close();
    await rm(spool, { recursive: true, force: true });
  }
}
