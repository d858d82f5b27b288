import { parseArgs } from 'node:util';
import { addCommand } from './commands/add';
import { demoCommand } from './commands/demo';
import { infoCommand } from './commands/info';
import { verifyCommand } from './commands/verify';
import { debugDetail, plainFailure } from './failure';
import { consoleOutput, EXIT, type Output } from './io';

const HELP = `casebook — check, inspect and add evidence to Casebook backup files (.casebook), and check
evidence bundles (.zip)

Usage:
  casebook info <file.casebook>     format version, counts and date range
  casebook verify <file.casebook> [--expect <fingerprint>] [--against <older.casebook|bundle.zip>]
                                    check the audit chain, signatures, every record and file;
                                    --expect / --against also check that the history still
                                    holds an earlier copy's checkpoint (nothing was cut)
  casebook verify <bundle.zip>      check an evidence bundle: every file against its signed
                                    list of hashes, naming anything changed, missing or added
  casebook add <file.casebook> <evidence>... --initials AB [--out <new.casebook>]
                                    take files in as evidence, each with the next exhibit
                                    number (AB/1, AB/2, ...), and write a new casebook
                                    (default <file>.new.casebook); the original is unchanged
  casebook import <file.casebook> <export>... [--zone Europe/London] [--from "<name>"]
                 [--initials AB] [--date-order day-first|month-first] [--out <new.casebook>]
                                    keep exported chats, texts, call logs and emails
                                    (WhatsApp, SMS Backup & Restore, .eml/.mbox, Telegram,
                                    Facebook/Instagram): each export file becomes an exhibit
                                    and every message and call in it is kept, pointing at it;
                                    --from names the person responsible as the export writes
                                    them; messages already in the casebook are not added again
  casebook report <file.casebook> --out <report.pdf> [choices]
                                    the PDF report for the police or a court
  casebook export <file.casebook> [--bundle <out.zip>] [--csv <dir>] [--json <out.json>] [choices]
                                    the evidence bundle (report, CSVs, originals, signed
                                    manifest, audit log), the chronology and exhibit CSVs,
                                    or everything as JSON
      choices: --from 2026-01-01 --to 2026-03-31 (dates of incidents), --title "...",
               --zone Europe/London, --profile police|disclosure (a disclosure copy
               redacts new address, safety plan, refuges, schools, children), and
               --redact <field path> and --redact-word <name or word> (each
               repeatable) for anything else, e.g. children's names in what you wrote
  casebook sync <file.casebook> --server <url> [--invite CODE | --link CODE] [--out <new>]
                                    sync with a Casebook server: join it on first use (with
                                    the invite code the service gave you, or the linking code
                                    another of your devices shows), send this device's
                                    changes, take in what your other devices sent, and have
                                    the server confirm the history; what came in is written
                                    to a new file (<name>.new.casebook); the file is not changed
  casebook resolve <file.casebook> <kind>/<id> --keep this|<device> [--revision N] [--out <new>]
                                    choose one side of a record edited on two devices (sync
                                    lists them); both stay in the casebook, the choice is
                                    written to a new file
  casebook verify <file.casebook> --server <url>
                                    check the history against the one the server confirmed
  casebook demo <out.casebook>      write a realistic made-up casebook to try things with
  casebook help                     this text

The passphrase is asked for, or read from CASEBOOK_PASSPHRASE (a bundle needs none).
Casebook never overwrites a file: add, sync, resolve and demo refuse a name that is already taken.
Exit codes: 0 all well; 1 verify found problems; 2 a file could not be read, opened or written.`;

/**
 * Runs one command; returns the exit code. Never throws: anything that escapes a command is
 * one plain sentence on stderr and exit 2 (1 means only that verify found problems).
 */
export async function main(
  argv: readonly string[],
  output: Output = consoleOutput,
): Promise<number> {
  try {
    return await dispatch(argv, output);
  } catch (error) {
    output.err(
      plainFailure(
        error,
        argv.find((a) => !a.startsWith('-')),
      ),
    );
    const detail = debugDetail(error);
    if (detail) output.err(detail);
    return EXIT.failed;
  }
}

async function dispatch(argv: readonly string[], output: Output): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        incidents: { type: 'string' },
        weeks: { type: 'string' },
        seed: { type: 'string' },
        initials: { type: 'string' },
        out: { type: 'string' },
        expect: { type: 'string' },
        against: { type: 'string' },
        bundle: { type: 'string' },
        csv: { type: 'string' },
        json: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        title: { type: 'string' },
        zone: { type: 'string' },
        profile: { type: 'string' },
        redact: { type: 'string', multiple: true },
        'redact-word': { type: 'string', multiple: true },
        'date-order': { type: 'string' },
        server: { type: 'string' },
        invite: { type: 'string' },
        link: { type: 'string' },
        keep: { type: 'string' },
        revision: { type: 'string' },
      },
    });
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${HELP}`);
    return EXIT.failed;
  }
  const [command, path, ...rest] = parsed.positionals;
  if (parsed.values.help || command === undefined || command === 'help') {
    output.out(HELP);
    return EXIT.ok;
  }
  const needsPath = (name: string) => {
    output.err(`"casebook ${name}" needs a file name, e.g. casebook ${name} my-casebook.casebook`);
    return EXIT.failed;
  };
  if (command === 'add') {
    if (!path) return needsPath('add');
    if (rest.length === 0) {
      output.err(
        '"casebook add" needs at least one file to add, e.g. casebook add my-casebook.casebook photo.jpg --initials AB',
      );
      return EXIT.failed;
    }
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return addCommand(
      {
        casebook: path,
        files: rest,
        initials: text(parsed.values.initials),
        out: text(parsed.values.out),
      },
      output,
    );
  }
  if (command === 'import') {
    if (!path) return needsPath('import');
    if (rest.length === 0) {
      output.err(
        '"casebook import" needs at least one export file, e.g. casebook import my-casebook.casebook "WhatsApp Chat with Sam.zip" --from "Sam"',
      );
      return EXIT.failed;
    }
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const { importCommand } = await import('./commands/import');
    const from = text(parsed.values.from);
    return importCommand(
      {
        casebook: path,
        files: rest,
        zone: text(parsed.values.zone),
        from: from === undefined ? [] : [from],
        initials: text(parsed.values.initials),
        out: text(parsed.values.out),
        dateOrder: text(parsed.values['date-order']),
      },
      output,
    );
  }
  if (command === 'sync') {
    if (!path) return needsPath('sync');
    if (rest.length > 0) {
      output.err(`Unexpected extra arguments: ${rest.join(' ')}\n\n${HELP}`);
      return EXIT.failed;
    }
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const { syncCommand } = await import('./sync/sync-command');
    return syncCommand(
      {
        casebook: path,
        server: text(parsed.values.server),
        invite: text(parsed.values.invite),
        link: text(parsed.values.link),
        out: text(parsed.values.out),
        // For benches only (bench/sync-files.ts tries 1 to 4); anything else is the default.
        chunksInFlight: Number(process.env.CASEBOOK_SYNC_IN_FLIGHT) || undefined,
      },
      output,
    );
  }
  if (command === 'resolve') {
    if (!path) return needsPath('resolve');
    if (rest.length > 1) {
      output.err(`Unexpected extra arguments: ${rest.slice(1).join(' ')}\n\n${HELP}`);
      return EXIT.failed;
    }
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const { resolveCommand } = await import('./sync/resolve-command');
    return resolveCommand(
      {
        casebook: path,
        record: rest[0],
        keep: text(parsed.values.keep),
        revision: text(parsed.values.revision),
        out: text(parsed.values.out),
      },
      output,
    );
  }
  if (
    command === 'verify' &&
    path &&
    typeof parsed.values.server === 'string' &&
    rest.length === 0
  ) {
    const { verifyServerCommand } = await import('./sync/verify-server');
    return verifyServerCommand(path, parsed.values.server, output);
  }
  if ((command === 'report' || command === 'export') && rest.length === 0) {
    if (!path) return needsPath(command);
    const v = parsed.values;
    const text = (x: unknown) => (typeof x === 'string' ? x : undefined);
    if (command === 'report' && text(v.out) === undefined) {
      output.err(
        '"casebook report" needs --out, e.g. casebook report my.casebook --out report.pdf',
      );
      return EXIT.failed;
    }
    if (command === 'export' && !v.bundle && !v.csv && !v.json) {
      output.err(
        '"casebook export" needs --bundle out.zip, --csv DIR or --json out.json (one or more).',
      );
      return EXIT.failed;
    }
    const optional = <K extends string>(key: K, x: unknown) =>
      text(x) === undefined ? {} : ({ [key]: text(x) } as Record<K, string>);
    // Loaded only when used: the report's renderer (pdfmake) would slow every command's start.
    const { accountCommand } = await import('./account/account-command');
    return accountCommand(
      {
        casebook: path,
        ...(command === 'report' ? optional('pdf', v.out) : {}),
        ...optional('bundle', v.bundle),
        ...optional('csvDir', v.csv),
        ...optional('json', v.json),
        ...optional('from', v.from),
        ...optional('to', v.to),
        ...optional('title', v.title),
        ...optional('zone', v.zone),
        ...optional('profile', v.profile),
        redact: Array.isArray(v.redact) ? v.redact.filter((r) => typeof r === 'string') : [],
        words: Array.isArray(v['redact-word'])
          ? v['redact-word'].filter((r) => typeof r === 'string')
          : [],
      },
      output,
    );
  }
  if (rest.length > 0) {
    output.err(`Unexpected extra arguments: ${rest.join(' ')}\n\n${HELP}`);
    return EXIT.failed;
  }
  switch (command) {
    case 'info':
      return path ? infoCommand(path, output) : needsPath('info');
    case 'verify':
      return path
        ? verifyCommand(path, output, {
            expect: typeof parsed.values.expect === 'string' ? parsed.values.expect : undefined,
            against: typeof parsed.values.against === 'string' ? parsed.values.against : undefined,
          })
        : needsPath('verify');
    case 'demo': {
      if (!path) return needsPath('demo');
      const number = (v: unknown) => (typeof v === 'string' ? Number.parseInt(v, 10) : undefined);
      return demoCommand(path, output, {
        incidents: number(parsed.values.incidents),
        weeks: number(parsed.values.weeks),
        seed: number(parsed.values.seed),
      });
    }
    default:
      output.err(`Casebook does not know the command "${command}".\n\n${HELP}`);
      return EXIT.failed;
  }
}
