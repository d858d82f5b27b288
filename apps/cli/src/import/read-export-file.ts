import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { type ExportContents, readExport } from '@casebook/importers';

export type ReadExportFile =
  | { readonly ok: true; readonly value: ExportContents }
  | { readonly ok: false; readonly message: string };

/**
 * Reads one export file for `casebook import`, or says plainly why not (a file that is not an
 * export, a truncated zip, an unknown layout, a date order the file cannot tell).
 */
export async function readExportFile(
  path: string,
  options: { zone: string; dateOrder?: 'day-first' | 'month-first' },
): Promise<ReadExportFile> {
  const name = basename(path);
  const read = await readExport(await openAsBlob(path), name, options);
  if (read.ok) return read;
  if ('problem' in read) return { ok: false, message: `${path}: ${read.problem.message}` };
  const samples = read.needsDateOrder.samples
    .slice(0, 3)
    .map((s) => `"${s.raw}" (${s.dayFirst} or ${s.monthFirst})`)
    .join(', ');
  return {
    ok: false,
    message: `${path}: Casebook cannot tell from this chat whether its dates are day first or month first, for example ${samples}. Nothing was imported. Check a date you remember in the chat, then run the command again with --date-order day-first or --date-order month-first.`,
  };
}
