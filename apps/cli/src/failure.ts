import { BackupReadError } from '@casebook/vault';

/** Said of an input file when something went wrong that Casebook has no better words for. */
export const DAMAGED_INPUT =
  'This file is damaged or is not a casebook. Nothing was changed. Try another copy of it.';

/** The last resort, when it was not reading a file that failed. */
export const UNEXPECTED =
  'Casebook stopped because something unexpected went wrong. Nothing was changed. Run it again with CASEBOOK_DEBUG=1 to see the details, and tell us what it says.';

/** Commands whose failures come from reading a casebook the person named. */
const READS_A_CASEBOOK = new Set(['info', 'verify', 'add']);

/**
 * One plain sentence for an exception that escaped a command: the specific message when
 * Casebook knows one (a bad backup, a full disk), otherwise the damaged-file sentence for
 * commands that read a casebook. Never a stack trace; CASEBOOK_DEBUG=1 shows that separately.
 */
export function plainFailure(error: unknown, command: string | undefined): string {
  if (error instanceof BackupReadError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC')
    return 'There is not enough space on the disk. Nothing was changed; free some space, then try again.';
  if (code === 'EACCES' || code === 'EPERM')
    return 'Casebook is not allowed to read or write one of the files. Nothing was changed; check the file’s permissions, then try again.';
  if (code === 'EIO')
    return 'The disk could not be read. Nothing was changed; copy the file somewhere else, then try again.';
  return command !== undefined && READS_A_CASEBOOK.has(command) ? DAMAGED_INPUT : UNEXPECTED;
}

/** The detail for engineers, only when CASEBOOK_DEBUG=1. */
export function debugDetail(error: unknown): string | undefined {
  if (process.env.CASEBOOK_DEBUG !== '1') return undefined;
  return error instanceof Error ? (error.stack ?? String(error)) : String(error);
}
