import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** Where the CLI writes: injectable so tests can read what a person would see. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Exit codes: 0 all well, 1 verification found problems, 2 could not do what was asked. */
export const EXIT = { ok: 0, problems: 1, failed: 2 } as const;

/** A file as a stream of 1 MiB pieces, or a plain message when it cannot be read. */
export async function openFile(
  path: string,
): Promise<
  { ok: true; source: AsyncIterable<Uint8Array>; size: number } | { ok: false; message: string }
> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, message: `${path} is not a file.` };
    return {
      ok: true,
      size: info.size,
      source: createReadStream(path, { highWaterMark: 1024 * 1024 }),
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return { ok: false, message: `There is no file at ${path}. Check the name and try again.` };
    if (code === 'EACCES')
      return { ok: false, message: `Casebook is not allowed to read ${path}.` };
    throw error;
  }
}
