import { BACKUP_MAGIC, MAX_FRAME_LENGTH, READABLE_VERSIONS } from './backup-format';

export type FrameReadProblem = 'not-a-backup' | 'unsupported-version' | 'truncated' | 'corrupt';

export class BackupReadError extends Error {
  override name = 'BackupReadError';
  constructor(
    readonly problem: FrameReadProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface Frame {
  readonly type: number;
  readonly payload: Uint8Array;
  /** Bytes of the file before this frame began: the END frame's checksum covers them. */
  readonly offset: number;
  /** The container's version byte (1, 2 or 3). */
  readonly version: number;
}

/** Reads exact byte counts from a stream of pieces of any size, holding at most one frame. */
class ByteReader {
  #pieces: Uint8Array[] = [];
  #buffered = 0;
  #done = false;
  readonly #source: AsyncIterator<Uint8Array>;
  consumed = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#source = source[Symbol.asyncIterator]();
  }

  async read(n: number): Promise<Uint8Array | undefined> {
    while (this.#buffered < n && !this.#done) {
      const next = await this.#source.next();
      if (next.done) this.#done = true;
      else if (next.value.length > 0) {
        this.#pieces.push(next.value);
        this.#buffered += next.value.length;
      }
    }
    if (this.#buffered < n) return undefined;
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const piece = this.#pieces[0] as Uint8Array;
      const take = Math.min(piece.length, n - at);
      out.set(piece.subarray(0, take), at);
      at += take;
      if (take === piece.length) this.#pieces.shift();
      else this.#pieces[0] = piece.subarray(take);
    }
    this.#buffered -= n;
    this.consumed += n;
    return out;
  }

  async atEnd(): Promise<boolean> {
    if (this.#buffered > 0) return false;
    const more = await this.read(1);
    if (!more) return true;
    this.#pieces.unshift(more);
    this.#buffered += 1;
    this.consumed -= 1;
    return false;
  }
}

const NOT_A_BACKUP =
  'This file is not a Casebook backup. Choose the .casebook file that Casebook saved.';
const TRUNCATED =
  'This backup file is incomplete: it ends part-way through. It may not have finished downloading or copying. Try another copy.';

/** Yields every frame, checking the magic and version first. Throws BackupReadError on a bad file. */
export async function* readFrames(
  source: AsyncIterable<Uint8Array>,
  onBytes?: (bytes: Uint8Array) => void,
): AsyncGenerator<Frame> {
  const reader = new ByteReader(source);
  const magic = await reader.read(BACKUP_MAGIC.length + 1);
  if (!magic || !BACKUP_MAGIC.every((b, i) => magic[i] === b)) {
    throw new BackupReadError('not-a-backup', NOT_A_BACKUP);
  }
  const version = magic[BACKUP_MAGIC.length] ?? 0;
  if (!READABLE_VERSIONS.includes(version)) {
    throw new BackupReadError(
      'unsupported-version',
      'This backup was made by a newer version of Casebook. Update Casebook, then restore it again.',
    );
  }
  onBytes?.(magic);
  for (;;) {
    const offset = reader.consumed;
    const head = await reader.read(5);
    if (!head) throw new BackupReadError('truncated', TRUNCATED);
    const type = head[0] as number;
    const length = new DataView(head.buffer).getUint32(1);
    if (length > MAX_FRAME_LENGTH) {
      throw new BackupReadError(
        'corrupt',
        'This backup file is damaged (a part is far too large). Try another copy.',
      );
    }
    const payload = await reader.read(length);
    if (!payload) throw new BackupReadError('truncated', TRUNCATED);
    if (type === 0xff) {
      // Checked before END is handed on: a consumer that stops at END (restore commits there)
      // must never accept a file with something appended.
      if (!(await reader.atEnd())) {
        throw new BackupReadError(
          'corrupt',
          'This backup file has unexpected data after its end. Try another copy.',
        );
      }
      yield { type, payload, offset, version };
      return;
    }
    yield { type, payload, offset, version };
    onBytes?.(head);
    onBytes?.(payload);
  }
}
