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
  EnrolAnswer,
  ErrorAnswer,
  LinkCodeAnswer,
  MissingAnswer,
  PushAnswer,
  RemovedAnswer,
} from './answers';
import { toBase64 } from './base64';
import { type RequestSigner, randomNonce, signRequest } from './sign-request';

export type SyncResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly status: number;
      readonly code: string;
      readonly message: string;
    };

/** The part of `fetch` the client uses. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array },
) => Promise<{ status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

export interface SyncClientOptions {
  /** `https://sync.example.org` (no path). */
  readonly server: string;
  readonly signer: RequestSigner;
  readonly fetch: FetchLike;
  readonly now?: () => number;
}

/** Protocol limits (PROTOCOL.md). */
export const MAX_PUSH_ENVELOPES = 200;
const MAX_PUSH_BASE64 = 16 * 1024 * 1024;
export const MAX_HISTORY_PAGE = 10_000;

const UNREADABLE = 'The server’s answer could not be read. Try again later.';

export class SyncClient {
  readonly #server: string;
  readonly #authority: string;
  readonly #signer: RequestSigner;
  readonly #fetch: FetchLike;
  readonly #now: () => number;

  constructor(options: SyncClientOptions) {
    const url = new URL(options.server);
    this.#server = url.origin;
    this.#authority = url.host;
    this.#signer = options.signer;
    this.#fetch = options.fetch;
    this.#now = options.now ?? Date.now;
  }

  get deviceId(): string {
    return this.#signer.keyId;
  }

  async #send(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<SyncResult<{ status: number; bytes: Uint8Array }>> {
    const raw =
      body === undefined
        ? new Uint8Array(0)
        : body instanceof Uint8Array
          ? body
          : new TextEncoder().encode(JSON.stringify(body));
    const headers: Record<string, string> = {
      ...(await signRequest(this.#signer, {
        method,
        authority: this.#authority,
        url,
        body: raw,
        created: Math.floor(this.#now() / 1000),
        nonce: randomNonce(),
      })),
    };
    if (body !== undefined) {
      headers['content-type'] =
        body instanceof Uint8Array ? 'application/octet-stream' : 'application/json';
    }
    let answer: { status: number; arrayBuffer(): Promise<ArrayBuffer> };
    try {
      answer = await this.#fetch(`${this.#server}${url}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: raw }),
      });
    } catch {
      return {
        ok: false,
        status: 0,
        code: 'offline',
        message: 'The server could not be reached. Your casebook is safe here; sync again later.',
      };
    }
    const bytes = new Uint8Array(await answer.arrayBuffer());
    if (answer.status >= 400) {
      const error = ErrorAnswer.safeParse(parseJson(bytes));
      return error.success
        ? { ok: false, status: answer.status, ...error.data.error }
        : { ok: false, status: answer.status, code: 'unreadable', message: UNREADABLE };
    }
    return { ok: true, value: { status: answer.status, bytes } };
  }

  async #json<S extends z.ZodType>(
    schema: S,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<SyncResult<z.infer<S>>> {
    const sent = await this.#send(method, url, body);
    if (!sent.ok) return sent;
    const parsed = schema.safeParse(parseJson(sent.value.bytes));
    if (!parsed.success) {
      return { ok: false, status: sent.value.status, code: 'unreadable', message: UNREADABLE };
    }
    return { ok: true, value: parsed.data };
  }

  /** Starts a casebook on the server with this device as its first. */
  enrol(identity: string, invite?: string) {
    return this.#json(EnrolAnswer, 'POST', '/v1/enrol', {
      v: 1,
      identity,
      ...(invite === undefined ? {} : { invite }),
    });
  }

  linkCode() {
    return this.#json(LinkCodeAnswer, 'POST', '/v1/link-codes', {});
  }

  link(code: string) {
    return this.#json(EnrolAnswer, 'POST', '/v1/link', { v: 1, code });
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
      changes.push(...page.value.changes);
      const last = page.value.changes.at(-1);
      if (!page.value.more || !last) return { ok: true, value: { head: page.value.head, changes } };
      from = last.seq;
    }
  }

  putChunk(id: string, bytes: Uint8Array) {
    return this.#json(ChunkAnswer, 'PUT', `/v1/chunks/${id}`, bytes);
  }

  async getChunk(id: string): Promise<SyncResult<Uint8Array>> {
    const sent = await this.#send('GET', `/v1/chunks/${id}`);
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
    let last: SyncResult<Countersigned> | undefined;
    for (let i = 0; i < input.hashes.length; i += MAX_HISTORY_PAGE) {
      const page = input.hashes.slice(i, i + MAX_HISTORY_PAGE);
      const final = i + MAX_HISTORY_PAGE >= input.hashes.length;
      const from = input.from + i;
      const sent = await this.#json(CheckpointAnswer, 'POST', '/v1/checkpoints', {
        v: 1,
        chain: input.chain,
        seq: from + page.length - 1,
        head: page[page.length - 1],
        from,
        hashes: page,
        checkpoint: final ? toBase64(input.checkpoint) : '',
      });
      if (!sent.ok) return sent;
      last = { ok: true, value: sent.value.checkpoint };
    }
    return (
      last ?? { ok: false, status: 0, code: 'empty', message: 'There is no history to confirm.' }
    );
  }

  checkpoints() {
    return this.#json(CheckpointsAnswer, 'GET', '/v1/checkpoints');
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

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}
