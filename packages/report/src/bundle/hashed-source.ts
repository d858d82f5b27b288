import type { Sha256Factory } from './types';

/** Why an evidence stream was refused part-way. */
export class EvidenceRefusal extends Error {
  constructor(
    readonly reason: 'evidence-mismatch' | 'evidence-unreadable' | 'cancelled',
    readonly ref: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'EvidenceRefusal';
  }
}

function iteratorOf(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
): AsyncIterator<Uint8Array> {
  if ('getReader' in source) {
    const reader = source.getReader();
    return {
      next: async () => {
        const { done, value } = await reader.read();
        return done ? { done: true, value: undefined } : { done: false, value };
      },
      return: async () => {
        await reader.cancel();
        return { done: true, value: undefined };
      },
    };
  }
  return source[Symbol.asyncIterator]();
}

export interface HashedSourceOptions {
  readonly ref: string;
  readonly sha256: string;
  readonly size: number;
  readonly hasher: Sha256Factory;
  readonly signal?: AbortSignal | undefined;
  onBytes?(count: number): void;
}

/**
 * The evidence as a pull stream that hashes every byte on its way into the ZIP and errors
 * (an `EvidenceRefusal` naming the ref) as soon as the bytes cannot be what the casebook
 * recorded: more bytes than its size, or a different SHA-256 at the end. One chunk at a time
 * is in memory; zip.js pulls the next only when it has written the last.
 */
export function hashedSource(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  options: HashedSourceOptions,
  toHex: (bytes: Uint8Array) => string,
): ReadableStream<Uint8Array> {
  const hash = options.hasher();
  let seen = 0;
  let iterator: AsyncIterator<Uint8Array> | undefined;
  const mismatch = (why: string) =>
    new EvidenceRefusal(
      'evidence-mismatch',
      options.ref,
      `Exhibit ${options.ref} was not put in the bundle: ${why}, so it is not the file the casebook recorded. No bundle was made.`,
    );
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (options.signal?.aborted) {
          controller.error(
            new EvidenceRefusal('cancelled', options.ref, 'The bundle was cancelled.'),
          );
          return;
        }
        iterator ??= iteratorOf(source);
        let step: IteratorResult<Uint8Array>;
        try {
          step = await iterator.next();
        } catch (error) {
          controller.error(
            new EvidenceRefusal(
              'evidence-unreadable',
              options.ref,
              `Exhibit ${options.ref} could not be read, so no bundle was made: ${(error as Error).message}`,
            ),
          );
          return;
        }
        if (step.done) {
          const digest = toHex(hash.digest());
          if (seen !== options.size)
            controller.error(mismatch(`it has ${seen} bytes, not ${options.size}`));
          else if (digest !== options.sha256.toLowerCase())
            controller.error(mismatch('its SHA-256 is different'));
          else controller.close();
          return;
        }
        const chunk = step.value;
        seen += chunk.length;
        if (seen > options.size) {
          controller.error(mismatch(`it has more than ${options.size} bytes`));
          await iterator.return?.();
          return;
        }
        hash.update(chunk);
        options.onBytes?.(chunk.length);
        controller.enqueue(chunk);
      },
      async cancel() {
        await iterator?.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
