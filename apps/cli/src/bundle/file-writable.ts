import { rm } from 'node:fs/promises';
import { type WriteOutcome, writeNewFile } from '../write-new-file';

interface Queued {
  readonly chunk?: Uint8Array;
  readonly end?: 'close' | Error;
  taken(): void;
  refused(error: unknown): void;
}

/**
 * A WritableStream into a new file that is whole or absent: it feeds `writeNewFile`
 * (`<path>.partial`, fsync, then linked into place, never overwriting), with backpressure: a
 * write settles when the file writer has taken the chunk. Not `Writable.toWeb`, which ignores
 * backpressure on Node 20 and held a whole 4 GiB bundle in memory (nodejs/node#62986).
 * `done` settles when the file is in place or refused; an aborted stream leaves nothing.
 */
export function newFileWritable(path: string): {
  writable: WritableStream<Uint8Array>;
  done: Promise<WriteOutcome>;
} {
  const queue: Queued[] = [];
  let wake: (() => void) | undefined;
  let failure: unknown;

  async function* pieces(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const item = queue.shift();
      if (!item) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      item.taken();
      if (item.end === 'close') return;
      if (item.end) throw item.end;
      if (item.chunk) yield item.chunk;
    }
  }

  const done = writeNewFile(path, pieces());
  const settle = (error: unknown) => {
    failure = error;
    for (const item of queue.splice(0)) item.refused(error);
  };
  done.then(
    (outcome) =>
      settle(outcome.ok ? new Error('The file is already closed.') : new Error(outcome.message)),
    settle,
  );

  const send = (item: Pick<Queued, 'chunk' | 'end'>) =>
    new Promise<void>((resolve, reject) => {
      if (failure !== undefined) return reject(failure);
      queue.push({ ...item, taken: resolve, refused: reject });
      const w = wake;
      wake = undefined;
      w?.();
    });

  const writable = new WritableStream<Uint8Array>({
    write: (chunk) => send({ chunk }),
    close: async () => {
      await send({ end: 'close' });
      const outcome = await done;
      if (!outcome.ok) throw new Error(outcome.message);
    },
    abort: async (reason) => {
      await send({
        end: reason instanceof Error ? reason : new Error('The bundle was not finished.'),
      }).catch(() => undefined);
      await done.catch(() => undefined);
      await rm(`${path}.partial`, { force: true });
    },
  });
  return { writable, done };
}
