/**
 * The sync protocol's client (apps/server/PROTOCOL.md): every request signed by the device,
 * every answer checked. `fetch` and the signer are handed in, so the same code runs in the
 * web app's worker and in the CLI, and in tests against the server in-process. Expected
 * failures are values with the server's plain message; nothing here retries on its own,
 * except that push and history go up in the pages the protocol allows.
 */
import type { z } from 'zod';
import {
  type Change,
  ChangesAnswer,
  CheckpointAnswer,
  CheckpointsAnswer,
  ChunkAnswer,
  type Countersigned,
  DevicesAnswer,
  EnrolAnswer,
  ErrorAnswer,
  InfoAnswer,
  LinkCodeAnswer,
  LinkPackageAnswer,
  MissingAnswer,
  PushAnswer,
  RemovedAnswer,
  SlowDownAnswer,
} from './answers';
import { fromBase64, toBase64 } from './base64';
import {
  countersignatureHolds,
  type Ed25519Verify,
  sha256Hex,
  webCryptoVerify,
} from './countersignature';
import { type RequestSigner, randomNonce, signRequest } from './sign-request';

export type SyncResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly status: number;
      readonly code: string;
      readonly message: string;
    };

/**
 * The part of `fetch` the client uses. `body`, when given, lets an answer be read only as far
 * as it may go (a chunk); without it the answer is read whole and then measured.
 */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array },
) => Promise<{
  status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
  body?: ReadableStream<Uint8Array> | null;
}>;

export interface SyncClientOptions {
  /** `https://sync.example.org` (no path). */
  readonly server: string;
  readonly signer: RequestSigner;
  readonly fetch: FetchLike;
  readonly now?: () => number;
  /**
   * The server's countersigning key (base64url), pinned when this device enrolled or linked
   * (`SyncClient.serverKey` then). Without it, enrol/link pin the one `/v1/info` gives; the
   * history calls refuse to run unpinned.
   */
  readonly serverKey?: string;
  /** The casebook's space on the server, once known: countersignatures must name it. */
  readonly space?: string;
  /** Ed25519 verification; WebCrypto's unless handed in. */
  readonly verify?: Ed25519Verify;
  /** How a wait for a rate limit is spent; a timer unless handed in (tests). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What enrolment and linking give back: the space, this device, the pinned server key. */
export interface Enrolled {
  readonly space: string;
  readonly device: string;
  readonly serverKey: string;
  /** Linking only: the link package the other device left beside the code, if any. */
  readonly package?: Uint8Array;
}

/** Protocol limits (PROTOCOL.md). */
export const MAX_PUSH_ENVELOPES = 200;
const MAX_PUSH_BASE64 = 16 * 1024 * 1024;
export const MAX_HISTORY_PAGE = 10_000;
/** The largest chunk (16 MiB) and its envelope (64 KiB): no chunk answer is read past it. */
export const MAX_CHUNK_ANSWER = 16 * 1024 * 1024 + 64 * 1024;
/** How many times one request waits out a rate limit before the refusal is given. */
const MAX_RATE_WAITS = 5;

const UNREADABLE = 'The server’s answer could not be read. Try again later.';
const TOO_LARGE =
  'The server sent more for one piece of a file than any piece can be, so it was not read. Your casebook is safe here; tell whoever runs the server.';
const OFFLINE = 'The server could not be reached. Your casebook is safe here; sync again later.';
const UNTRUSTED =
  'The server’s confirmation of this history did not check out, so it was not taken as confirmed. Your casebook is safe here; tell whoever runs the server.';

type Failure = Extract<SyncResult<never>, { ok: false }>;
/** The server's linking code: a 4-character id and a 12-character secret (PROTOCOL.md). */
const SERVER_CODE_LENGTH = 16;
const failure = (status: number, code: string, message: string): Failure => ({
  ok: false,
  status,
  code,
  message,
});

export class SyncClient {
  readonly #server: string;
  readonly #authority: string;
  readonly #signer: RequestSigner;
  readonly #fetch: FetchLike;
  readonly #now: () => number;
  readonly #verify: Ed25519Verify;
  readonly #sleep: (ms: number) => Promise<void>;
  #serverKey: string | undefined;
  #space: string | undefined;

  constructor(options: SyncClientOptions) {
    const url = new URL(options.server);
    this.#server = url.origin;
    this.#authority = url.host;
    this.#signer = options.signer;
    this.#fetch = options.fetch;
    this.#now = options.now ?? Date.now;
    this.#verify = options.verify ?? webCryptoVerify;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#serverKey = options.serverKey;
    this.#space = options.space;
  }

  get deviceId(): string {
    return this.#signer.keyId;
  }

  /** The pinned server key: keep it with the casebook's sync settings. */
  get serverKey(): string | undefined {
    return this.#serverKey;
  }

  /**
   * Sends a request; when a rate limit refuses it (a 1 GiB video is about a thousand chunk
   * requests), waits as long as the server says, at most a minute each time and five times in
   * all, and sends it again, newly signed. Anything else is answered at once.
   */
  async #send(
    method: string,
    url: string,
    body?: unknown,
    signed = true,
    limit = Number.POSITIVE_INFINITY,
  ): Promise<SyncResult<{ status: number; bytes: Uint8Array }>> {
    for (let waits = 0; ; waits += 1) {
      const sent = await this.#sendOnce(method, url, body, signed, limit);
      if (sent.ok || sent.code !== 'slow-down' || waits === MAX_RATE_WAITS) return sent;
      const seconds = sent.retryAfter;
      if (seconds === undefined || seconds > 60) return sent;
      await this.#sleep(seconds * 1000 + 250);
    }
  }

  async #sendOnce(
    method: string,
    url: string,
    body: unknown,
    signed: boolean,
    limit: number,
  ): Promise<SyncResult<{ status: number; bytes: Uint8Array }> & { retryAfter?: number }> {
    const raw =
      body === undefined
        ? new Uint8Array(0)
        : body instanceof Uint8Array
          ? body
          : new TextEncoder().encode(JSON.stringify(body));
    const headers: Record<string, string> = signed
      ? await signRequest(this.#signer, {
          method,
          authority: this.#authority,
          url,
          body: raw,
          created: Math.floor(this.#now() / 1000),
          nonce: randomNonce(),
        })
      : {};
    if (body !== undefined) {
      headers['content-type'] =
        body instanceof Uint8Array ? 'application/octet-stream' : 'application/json';
    }
    let status: number;
    let bytes: Uint8Array;
    try {
      const answer = await this.#fetch(`${this.#server}${url}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: raw }),
      });
      status = answer.status;
      // Inside the try: a connection that drops mid-body rejects here, and is 'offline' too.
      const read = await readAtMost(answer, limit);
      if (read === undefined) return failure(status, 'too-large', TOO_LARGE);
      bytes = read;
    } catch {
      return failure(0, 'offline', OFFLINE);
    }
    if (status >= 400) {
      const json = parseJson(bytes);
      const error = ErrorAnswer.safeParse(json);
      if (!error.success) return failure(status, 'unreadable', UNREADABLE);
      const slow = status === 429 ? SlowDownAnswer.safeParse(json) : undefined;
      return {
        ok: false,
        status,
        code: error.data.error.code,
        message: error.data.error.message,
        ...(slow?.success && { retryAfter: slow.data.error.retryAfter }),
      };
    }
    return { ok: true, value: { status, bytes } };
  }

  async #json<S extends z.ZodType>(
    schema: S,
    method: string,
    url: string,
    body?: unknown,
    signed = true,
  ): Promise<SyncResult<z.infer<S>>> {
    const sent = await this.#send(method, url, body, signed);
    if (!sent.ok) return sent;
    const parsed = schema.safeParse(parseJson(sent.value.bytes));
    if (!parsed.success) {
      return { ok: false, status: sent.value.status, code: 'unreadable', message: UNREADABLE };
    }
    return { ok: true, value: parsed.data };
  }

  /** `GET /v1/info` (unsigned): the protocols and the server's countersigning key. */
  info() {
    return this.#json(InfoAnswer, 'GET', '/v1/info', undefined, false);
  }

  /**
   * Pins the server key before a device joins: the one already pinned, else `/v1/info`'s.
   * Trust on first use, as for an SSH host key: from here on every countersignature must be
   * by this key, so a server swapped later (or a machine in between) cannot confirm a history.
   */
  async #pin(): Promise<SyncResult<string>> {
    if (this.#serverKey !== undefined) return { ok: true, value: this.#serverKey };
    const info = await this.info();
    if (!info.ok) return info;
    if (!info.value.protocols.includes(1)) {
      return failure(
        0,
        'unsupported',
        'That server does not speak this version of the sync protocol. Ask whoever runs it.',
      );
    }
    this.#serverKey = info.value.serverKey;
    return { ok: true, value: info.value.serverKey };
  }

  async #join(url: string, body: unknown): Promise<SyncResult<Enrolled>> {
    const pinned = await this.#pin();
    if (!pinned.ok) return pinned;
    const joined = await this.#json(EnrolAnswer, 'POST', url, body);
    if (!joined.ok) return joined;
    this.#space = joined.value.space;
    const { package: sealed, ...rest } = joined.value;
    let linkPackage: Uint8Array | undefined;
    if (sealed !== undefined) {
      try {
        linkPackage = fromBase64(sealed);
      } catch {
        return failure(201, 'unreadable', UNREADABLE);
      }
    }
    return {
      ok: true,
      value: {
        ...rest,
        serverKey: pinned.value,
        ...(linkPackage ? { package: linkPackage } : {}),
      },
    };
  }

  /** Starts a casebook on the server with this device as its first. */
  enrol(identity: string, invite?: string): Promise<SyncResult<Enrolled>> {
    return this.#join('/v1/enrol', {
      v: 1,
      identity,
      ...(invite === undefined ? {} : { invite }),
    });
  }

  linkCode() {
    return this.#json(LinkCodeAnswer, 'POST', '/v1/link-codes', {});
  }

  /**
   * Leaves the link package beside a linking code this device just made (its key comes from
   * the code, so it goes up once the code is known): `PUT /v1/link-codes/:id/package`, where
   * the id is the code's first group.
   */
  putLinkPackage(code: string, linkPackage: Uint8Array) {
    const id = code.toUpperCase().replace(/[\s-]/g, '').slice(0, 4);
    return this.#json(LinkPackageAnswer, 'PUT', `/v1/link-codes/${id}/package`, {
      v: 1,
      package: toBase64(linkPackage),
    });
  }

  /**
   * Links this key to the casebook whose device made the code; the answer carries its package.
   * `serverPart` is only the server's 16 characters (the vault's `readLinkCode(...).serverPart`),
   * never the whole code the person typed: anything longer is refused here, unsent, since its
   * last part keys the package and must not reach the server.
   */
  async link(serverPart: string): Promise<SyncResult<Enrolled>> {
    if (serverPart.replace(/[\s-]/g, '').length !== SERVER_CODE_LENGTH) {
      return failure(
        0,
        'bad-code',
        'That linking code is not in the right form. Nothing was sent.',
      );
    }
    return this.#join('/v1/link', { v: 1, code: serverPart });
  }

  /** This casebook's devices on the server (removed ones too, with when). */
  devices() {
    return this.#json(DevicesAnswer, 'GET', '/v1/devices');
  }

  /**
   * Pushes envelopes (already encrypted and padded to 256 bytes) in as many requests as the
   * limits need; a retry after a lost answer is a success with the same numbers.
   */
  async push(
    envelopes: readonly { id: string; data: Uint8Array }[],
  ): Promise<SyncResult<{ head: number; seqs: Map<string, number> }>> {
    const seqs = new Map<string, number>();
    let head = 0;
    let batch: { id: string; data: string }[] = [];
    let size = 0;
    const flush = async (): Promise<SyncResult<void>> => {
      if (batch.length === 0) return { ok: true, value: undefined };
      const sent = await this.#json(PushAnswer, 'POST', '/v1/push', { v: 1, envelopes: batch });
      if (!sent.ok) return sent;
      for (const r of sent.value.results) seqs.set(r.id, r.seq);
      head = sent.value.head;
      batch = [];
      size = 0;
      return { ok: true, value: undefined };
    };
    for (const envelope of envelopes) {
      const data = toBase64(envelope.data);
      if (batch.length === MAX_PUSH_ENVELOPES || size + data.length > MAX_PUSH_BASE64) {
        const flushed = await flush();
        if (!flushed.ok) return flushed;
      }
      batch.push({ id: envelope.id, data });
      size += data.length;
    }
    const flushed = await flush();
    if (!flushed.ok) return flushed;
    return { ok: true, value: { head, seqs } };
  }

  /** Every change after `since`, page by page. */
  async pull(since: number): Promise<SyncResult<{ head: number; changes: Change[] }>> {
    const changes: Change[] = [];
    let from = since;
    for (;;) {
      const page = await this.#json(ChangesAnswer, 'GET', `/v1/changes?since=${from}`);
      if (!page.ok) return page;
      // Each page must move on: numbers rising past `from`. A server that keeps saying
      // "more" from the same place would otherwise keep the client asking for ever.
      let previous = from;
      for (const change of page.value.changes) {
        if (change.seq <= previous) {
          return failure(0, 'no-progress', UNREADABLE);
        }
        previous = change.seq;
      }
      changes.push(...page.value.changes);
      if (!page.value.more) return { ok: true, value: { head: page.value.head, changes } };
      if (previous === from) return failure(0, 'no-progress', UNREADABLE);
      from = previous;
    }
  }

  putChunk(id: string, bytes: Uint8Array) {
    return this.#json(ChunkAnswer, 'PUT', `/v1/chunks/${id}`, bytes);
  }

  /** One chunk's bytes; an answer longer than any chunk can be is refused unread (`too-large`). */
  async getChunk(id: string): Promise<SyncResult<Uint8Array>> {
    const sent = await this.#send('GET', `/v1/chunks/${id}`, undefined, true, MAX_CHUNK_ANSWER);
    return sent.ok ? { ok: true, value: sent.value.bytes } : sent;
  }

  /** Which of these chunk ids the server lacks: what a resumed upload still sends. */
  async missingChunks(ids: readonly string[]): Promise<SyncResult<string[]>> {
    const missing: string[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      const page = await this.#json(MissingAnswer, 'POST', '/v1/chunks/missing', {
        v: 1,
        ids: ids.slice(i, i + 1000),
      });
      if (!page.ok) return page;
      missing.push(...page.value.missing);
    }
    return { ok: true, value: missing };
  }

  /**
   * Posts a chain's entry hashes from `from` (one past the last confirmed entry, or 0) and the
   * vault's signed checkpoint, in pages of 10,000; the last page's countersignature is the
   * answer.
   */
  async postHistory(input: {
    chain: string;
    from: number;
    hashes: readonly string[];
    checkpoint: Uint8Array;
  }): Promise<SyncResult<Countersigned>> {
    const serverKey = this.#serverKey;
    if (serverKey === undefined) return notPinned();
    let last: SyncResult<Countersigned> | undefined;
    for (let i = 0; i < input.hashes.length; i += MAX_HISTORY_PAGE) {
      const page = input.hashes.slice(i, i + MAX_HISTORY_PAGE);
      const final = i + MAX_HISTORY_PAGE >= input.hashes.length;
      const from = input.from + i;
      const posted = {
        chain: input.chain,
        seq: from + page.length - 1,
        head: page[page.length - 1] ?? '',
        checkpoint: final ? input.checkpoint : new Uint8Array(0),
      };
      const sent = await this.#json(CheckpointAnswer, 'POST', '/v1/checkpoints', {
        v: 1,
        chain: posted.chain,
        seq: posted.seq,
        head: posted.head,
        from,
        hashes: page,
        checkpoint: toBase64(posted.checkpoint),
      });
      if (!sent.ok) return sent;
      const c = sent.value.checkpoint;
      const matches =
        c.chain === posted.chain &&
        c.seq === posted.seq &&
        c.head === posted.head &&
        c.device === this.deviceId &&
        (this.#space === undefined || c.space === this.#space) &&
        c.checkpointSha256 === sha256Hex(posted.checkpoint);
      if (!matches || !(await countersignatureHolds(c, serverKey, this.#verify))) {
        return failure(0, 'bad-countersignature', UNTRUSTED);
      }
      last = { ok: true, value: c };
    }
    return (
      last ?? { ok: false, status: 0, code: 'empty', message: 'There is no history to confirm.' }
    );
  }

  /**
   * Every chain's newest countersigned checkpoint, each checked: by the pinned key, over the
   * device checkpoint it came with, in this casebook's space.
   */
  async checkpoints(): Promise<SyncResult<z.infer<typeof CheckpointsAnswer>>> {
    const serverKey = this.#serverKey;
    if (serverKey === undefined) return notPinned();
    const listed = await this.#json(CheckpointsAnswer, 'GET', '/v1/checkpoints');
    if (!listed.ok) return listed;
    if (listed.value.serverKey !== serverKey) {
      return failure(0, 'server-key-changed', UNTRUSTED);
    }
    for (const { deviceCheckpoint, ...c } of listed.value.checkpoints) {
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(deviceCheckpoint);
      } catch {
        return failure(0, 'bad-countersignature', UNTRUSTED);
      }
      const holds =
        c.checkpointSha256 === sha256Hex(bytes) &&
        (this.#space === undefined || c.space === this.#space) &&
        (await countersignatureHolds(c, serverKey, this.#verify));
      if (!holds) return failure(0, 'bad-countersignature', UNTRUSTED);
    }
    return listed;
  }

  /** Unlinks this device (no proof), or removes another with the identity's proof. */
  removeDevice(device: string, proof?: string) {
    return this.#json(
      RemovedAnswer,
      'DELETE',
      `/v1/devices/${device}`,
      proof === undefined ? undefined : { v: 1, proof },
    );
  }
}

function notPinned(): Failure {
  return failure(
    0,
    'not-pinned',
    'This casebook does not know the server’s key yet, so it cannot check what the server confirms. Sync it once to link it to the server.',
  );
}

/**
 * An answer's bytes, or undefined once they pass `limit`: read piece by piece from its body
 * stream, which is cancelled there, so a server cannot make the client hold more than that.
 */
async function readAtMost(
  answer: Awaited<ReturnType<FetchLike>>,
  limit: number,
): Promise<Uint8Array | undefined> {
  if (!answer.body || limit === Number.POSITIVE_INFINITY) {
    const bytes = new Uint8Array(await answer.arrayBuffer());
    return bytes.length > limit ? undefined : bytes;
  }
  const reader = answer.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}
