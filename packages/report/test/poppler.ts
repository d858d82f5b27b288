import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs a poppler tool (pdftotext, pdffonts, pdfinfo) on PDF bytes and returns its output. */
export function poppler(
  tool: 'pdftotext' | 'pdffonts' | 'pdfinfo',
  pdf: Uint8Array,
  args: string[] = [],
): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-report-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const tail = tool === 'pdftotext' ? [file, '-'] : [file];
    return execFileSync(`/usr/bin/${tool}`, [...args, ...tail], {
      encoding: 'utf8',
      maxBuffer: 256 * 2 ** 20,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pdftotext's text with all runs of white space made single spaces, for searching. */
export function pdfText(pdf: Uint8Array): string {
  return poppler('pdftotext', pdf, ['-raw', '-enc', 'UTF-8']).replace(/\s+/g, ' ');
}
