import { type EmailOptions, type ReadEmail, readEmail } from './email';
import type { ImportProblem } from './import-problem';
import { problem } from './import-problem';

/**
 * How body lines that begin "From " were quoted. `mboxrd` (assumed by default): the writer
 * added one `>` to every line matching `>*From `, so removing one gives the original exactly.
 * `none`: keep the body as stored. (mboxo quoted only `From `, which cannot be undone exactly;
 * reading an mboxo file as mboxrd differs only on lines that began `>From ` in the original.)
 */
export type MboxQuoting = 'mboxrd' | 'none';

export interface MboxOptions extends EmailOptions {
  readonly quoting?: MboxQuoting;
  /** Largest single message accepted, in bytes (default 256 MiB). */
  readonly maxMessageBytes?: number;
}

export type MboxItem =
  | { readonly type: 'email'; readonly email: ReadEmail }
  | { readonly type: 'problem'; readonly problem: ImportProblem };

const FROM = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "

function isFromLine(buf: Uint8Array, at: number, end: number): boolean {
  if (end - at < 5) return false;
  for (let i = 0; i < 5; i++) if (buf[at + i] !== FROM[i]) return false;
  return true;
}

/** The bytes of one stored message without its `From ` line, un-quoted as `quoting` says. */
function messageBody(raw: Uint8Array, quoting: MboxQuoting): Uint8Array {
  let start = raw.indexOf(0x0a) + 1;
  if (start === 0) start = raw.length;
  const body = raw.subarray(start);
  if (quoting === 'none') return body;
  const out = new Uint8Array(body.length);
  let o = 0;
  let lineStart = true;
  for (let i = 0; i < body.length; i++) {
    const b = body[i] ?? 0;
    if (lineStart && b === 0x3e) {
      let j = i;
      while (body[j] === 0x3e) j++;
      if (isFromLine(body, j, body.length)) {
        // Drop one ">" and copy the rest of the run as it is.
        i++;
        out.set(body.subarray(i, j), o);
        o += j - i;
        i = j - 1;
        lineStart = false;
        continue;
      }
    }
    out[o++] = b;
    lineStart = b === 0x0a;
  }
  return out.subarray(0, o);
}

function nextLineStart(buf: Uint8Array, from: number): number {
  const nl = buf.indexOf(0x0a, from);
  return nl < 0 ? -1 : nl + 1;
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Splits an mbox file into messages as it streams in (a message starts at a line beginning
 * `From ` at the start of the file or after a newline) and reads each with postal-mime. Each
 * email's source pointer is the exact byte range of its stored form, `From ` line included.
 */
export async function* readMbox(
  source: AsyncIterable<Uint8Array>,
  options: MboxOptions = {},
): AsyncGenerator<MboxItem> {
  const quoting = options.quoting ?? 'mboxrd';
  const max = options.maxMessageBytes ?? 256 * 1024 * 1024;
  let parts: Uint8Array[] = [];
  let length = 0;
  let messageStart = 0;
  let offset = 0; // bytes of the file before the current chunk
  let atLineStart = true;
  let carry = new Uint8Array(0); // a line start with fewer than 5 bytes after it
  let sawAny = false;
  let count = 0;

  const finish = async function* (end: number): AsyncGenerator<MboxItem> {
    if (length === 0) return;
    const raw = concat(parts, length);
    parts = [];
    length = 0;
    const start = messageStart;
    messageStart = end;
    if (count === 0 && !isFromLine(raw, 0, raw.length)) {
      yield {
        type: 'problem',
        problem: problem('not-an-export', 'an mbox file starts with a "From " line'),
      };
      return;
    }
    count++;
    const r = await readEmail(
      messageBody(raw, quoting),
      { byteStart: start, byteEnd: end },
      options,
    );
    if (r.ok) yield { type: 'email', email: r.value };
    else yield { type: 'problem', problem: { ...r.problem, at: { byte: start } } };
  };

  for await (const input of source) {
    if (input.length === 0) continue;
    sawAny = true;
    const chunk = carry.length === 0 ? input : concat([carry, input], carry.length + input.length);
    const base = offset - carry.length;
    carry = new Uint8Array(0);
    let from = 0;
    let end = chunk.length;
    let p = atLineStart ? 0 : nextLineStart(chunk, 0);
    while (p >= 0 && p < chunk.length) {
      if (chunk.length - p < 5) {
        // Too few bytes to tell whether this line begins "From ": wait for the next chunk.
        carry = chunk.slice(p);
        end = p;
        break;
      }
      if (base + p > messageStart && isFromLine(chunk, p, chunk.length)) {
        parts.push(chunk.subarray(from, p));
        length += p - from;
        from = p;
        for await (const item of finish(base + p)) {
          yield item;
          if (item.type === 'problem' && count === 0) return;
        }
      }
      p = nextLineStart(chunk, p);
    }
    atLineStart = carry.length > 0 || chunk[chunk.length - 1] === 0x0a;
    if (end > from) {
      parts.push(chunk.subarray(from, end));
      length += end - from;
    }
    offset += input.length;
    if (length > max) {
      yield {
        type: 'problem',
        problem: problem('too-large', 'one message in the mailbox is too large'),
      };
      return;
    }
  }
  if (carry.length > 0) {
    parts.push(carry);
    length += carry.length;
  }
  if (!sawAny) {
    yield { type: 'problem', problem: problem('empty') };
    return;
  }
  yield* finish(offset);
}
