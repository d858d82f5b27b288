import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** Where the CLI writes: injectable so tests can read what a person would see. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** Writes a line unless the reader has gone away (the stream closed by `| head -1`). */
function writeLine(stream: NodeJS.WriteStream, line: string): void {
  if (!stream.destroyed && stream.writable) stream.write(`${line}\n`);
}

export const consoleOutput: Output = {
  out: (line) => writeLine(process.stdout, line),
  err: (line) => writeLine(process.stderr, line),
};

const CLOSED_PIPE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/**
 * A reader that stops early (`casebook help | head -1`) closes the pipe, and the next write
 * fails with EPIPE. That is not a failure of the command: stop writing to that stream and let
 * the command end with its own exit code. Any other stream error is left to the last resort.
 */
export function surviveClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (CLOSED_PIPE.has(error.code ?? '')) {
        stream.destroy();
        return;
      }
      throw error;
    });
  }
}

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
