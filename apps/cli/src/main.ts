import { parseArgs } from 'node:util';
import { demoCommand } from './commands/demo';
import { infoCommand } from './commands/info';
import { verifyCommand } from './commands/verify';
import { consoleOutput, EXIT, type Output } from './io';

const HELP = `casebook — check and inspect Casebook backup files (.casebook)

Usage:
  casebook info <file.casebook>     format version, counts and date range
  casebook verify <file.casebook>   check the audit chain, signatures, every record and file
  casebook demo <out.casebook>      write a realistic made-up casebook to try things with
  casebook help                     this text

The passphrase is asked for, or read from CASEBOOK_PASSPHRASE.
Exit codes: 0 all well; 1 verify found problems; 2 the file could not be read or opened.`;

/** Runs one command; returns the exit code. */
export async function main(
  argv: readonly string[],
  output: Output = consoleOutput,
): Promise<number> {
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
  if (rest.length > 0) {
    output.err(`Unexpected extra arguments: ${rest.join(' ')}\n\n${HELP}`);
    return EXIT.failed;
  }
  switch (command) {
    case 'info':
      return path ? infoCommand(path, output) : needsPath('info');
    case 'verify':
      return path ? verifyCommand(path, output) : needsPath('verify');
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
