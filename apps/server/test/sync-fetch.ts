/** The sync client's ports for tests: a Node signer, and `fetch` over inject() (no socket). */
import { sign } from 'node:crypto';
import type { FetchLike, RequestSigner } from '@casebook/sync';
import type { FastifyInstance } from 'fastify';
import type { DeviceKey } from '../src/protocol/sign-request';

export const nodeSigner = (key: DeviceKey): RequestSigner => ({
  keyId: key.keyId,
  sign: async (message) => sign(null, message, key.privateKey),
});

/** `fetch` over inject(): the same bytes a socket would carry. */
export const injectFetch =
  (server: { app: FastifyInstance }): FetchLike =>
  async (url, init) => {
    const parsed = new URL(url);
    const res = await server.app.inject({
      method: init.method as 'GET',
      url: `${parsed.pathname}${parsed.search}`,
      headers: { ...init.headers, host: parsed.host },
      ...(init.body ? { payload: Buffer.from(init.body) } : {}),
    });
    const bytes = res.rawPayload;
    return {
      status: res.statusCode,
      arrayBuffer: async () =>
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    };
  };

/** A fetch whose JSON answers to matching requests are rewritten: a hostile server or path. */
export const rewritingFetch =
  (inner: FetchLike, rewrite: (url: string, json: unknown) => unknown): FetchLike =>
  async (url, init) => {
    const answer = await inner(url, init);
    const bytes = new Uint8Array(await answer.arrayBuffer());
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return { status: answer.status, arrayBuffer: async () => bytes.slice().buffer };
    }
    const out = new TextEncoder().encode(JSON.stringify(rewrite(url, json)));
    return { status: answer.status, arrayBuffer: async () => out.slice().buffer };
  };
