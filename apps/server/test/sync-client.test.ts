/**
 * The platform-free sync client (@casebook/sync) against the real server, in-process, on
 * every metadata engine: its signatures are byte for byte the server's own signer's, and two
 * devices enrol, link, push, pull, move chunks and confirm a paged history through it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { signRequest as clientSign, fromBase64, SyncClient } from '@casebook/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countersignatureHolds } from '../src/protocol/countersign';
import { ed25519PublicKey } from '../src/protocol/http-signature';
import { Countersigned } from '../src/protocol/schemas';
import { newDeviceKey, signRequest as serverSign } from '../src/protocol/sign-request';
import { randomId } from './client';
import { META_ENGINES } from './engines';
import { type Harness, startServer } from './harness';
import { injectFetch, nodeSigner } from './sync-fetch';

const padded = (text: string) => {
  const data = new Uint8Array(256);
  data.set(new TextEncoder().encode(text));
  return data;
};

describe('the client signs exactly as the protocol says', () => {
  it('gives the same headers as the server’s own signer for the same request', async () => {
    const key = newDeviceKey();
    const request = {
      method: 'POST',
      authority: 'sync.example.org',
      url: '/v1/push?x=1',
      body: Buffer.from('{"v":1}'),
      created: 1_800_000_000,
      nonce: randomBytes(16).toString('base64url'),
    };
    expect(await clientSign(nodeSigner(key), request)).toEqual(serverSign(key, request));
  });
});

describe.each(META_ENGINES)('two devices through the sync client on %s', (metaEngine) => {
  let server: Harness;
  let phone: SyncClient;
  let laptop: SyncClient;
  const identity = newDeviceKey();

  beforeAll(async () => {
    server = await startServer(metaEngine, 'fs', { openEnrolment: true });
    const make = () =>
      new SyncClient({
        server: 'https://sync.casebook.test',
        signer: nodeSigner(newDeviceKey()),
        fetch: injectFetch(server),
      });
    phone = make();
    laptop = make();
  });
  afterAll(async () => server.close());

  it('enrols, links, and both offline edits of one record are kept and seen on both', async () => {
    const enrolled = await phone.enrol(identity.keyId);
    expect(enrolled.ok).toBe(true);
    const code = await phone.linkCode();
    if (!code.ok) throw new Error(code.message);
    expect((await laptop.link(code.value.code)).ok).toBe(true);

    const fromPhone = { id: randomId(), data: padded('incident 1, rev 2, phone') };
    const fromLaptop = { id: randomId(), data: padded('incident 1, rev 2, laptop') };
    const [a, b] = await Promise.all([phone.push([fromPhone]), laptop.push([fromLaptop])]);
    expect(a.ok && b.ok).toBe(true);
    for (const device of [phone, laptop]) {
      const pulled = await device.pull(0);
      if (!pulled.ok) throw new Error(pulled.message);
      expect(pulled.value.changes.map((c) => c.id).sort()).toEqual(
        [fromPhone.id, fromLaptop.id].sort(),
      );
      const mine = pulled.value.changes.find((c) => c.id === fromPhone.id);
      expect(Buffer.from(fromBase64(mine?.data ?? '')).equals(Buffer.from(fromPhone.data))).toBe(
        true,
      );
    }
    // A retried push after a lost answer is a success with the same numbers.
    const again = await phone.push([fromPhone]);
    expect(again.ok && a.ok && again.value.seqs.get(fromPhone.id)).toBe(
      a.ok ? a.value.seqs.get(fromPhone.id) : -1,
    );
  });

  it('pushes more than one request’s worth and pulls it back page by page', async () => {
    const many = Array.from({ length: 450 }, (_, i) => ({ id: randomId(), data: padded(`${i}`) }));
    const pushed = await phone.push(many);
    if (!pushed.ok) throw new Error(pushed.message);
    expect(pushed.value.seqs.size).toBe(450);
    const pulled = await laptop.pull(0);
    if (!pulled.ok) throw new Error(pulled.message);
    expect(pulled.value.changes).toHaveLength(452);
    expect(pulled.value.head).toBe(452);
  });

  it('resumes chunks: only the missing go up, and they come back whole', async () => {
    const chunks = Array.from({ length: 4 }, () => ({
      id: randomId(),
      bytes: randomBytes(70_000),
    }));
    expect(
      (await phone.putChunk(chunks[0]?.id ?? '', chunks[0]?.bytes ?? Buffer.alloc(0))).ok,
    ).toBe(true);
    const missing = await phone.missingChunks(chunks.map((c) => c.id));
    expect(missing.ok && missing.value).toEqual(chunks.slice(1).map((c) => c.id));
    for (const chunk of chunks.slice(1))
      expect((await phone.putChunk(chunk.id, chunk.bytes)).ok).toBe(true);
    for (const chunk of chunks) {
      const got = await laptop.getChunk(chunk.id);
      expect(got.ok && Buffer.from(got.value).equals(chunk.bytes)).toBe(true);
    }
    const clash = await phone.putChunk(chunks[0]?.id ?? '', randomBytes(10));
    expect(clash).toMatchObject({ ok: false, status: 409, code: 'id-reused' });
  });

  it('confirms a history of 25,000 entries in pages, and the countersignature holds', async () => {
    const hashes = Array.from({ length: 25_000 }, (_, i) =>
      createHash('sha256').update(`entry ${i}`).digest('hex'),
    );
    const chain = randomId();
    const confirmed = await phone.postHistory({
      chain,
      from: 0,
      hashes,
      checkpoint: new TextEncoder().encode('signed head'),
    });
    if (!confirmed.ok) throw new Error(confirmed.message);
    expect(confirmed.value).toMatchObject({ seq: 24_999, head: hashes[24_999] });
    const listed = await laptop.checkpoints();
    if (!listed.ok) throw new Error(listed.message);
    const serverKey = ed25519PublicKey(Buffer.from(listed.value.serverKey, 'base64url'));
    const { deviceCheckpoint, ...signed } = listed.value.checkpoints[0] ?? ({} as never);
    expect(countersignatureHolds(Countersigned.parse(signed), serverKey)).toBe(true);
    expect(Buffer.from(fromBase64(deviceCheckpoint)).toString()).toBe('signed head');
    // A shorter history afterwards is refused with the server's own words.
    const shorter = await phone.postHistory({
      chain,
      from: 0,
      hashes: hashes.slice(0, 10),
      checkpoint: new Uint8Array(0),
    });
    expect(shorter).toMatchObject({ ok: false, status: 409, code: 'shorter' });
  });

  it('an unreachable server is a calm value, not a throw', async () => {
    const offline = new SyncClient({
      server: 'https://sync.casebook.test',
      signer: nodeSigner(newDeviceKey()),
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const pulled = await offline.pull(0);
    expect(pulled).toMatchObject({ ok: false, code: 'offline' });
    expect(pulled.ok ? '' : pulled.message).toMatch(/Your casebook is safe here/);
  });
});

describe('a rate limit slows the client down; it does not fail a long upload', () => {
  it('waits as long as the server says, then sends the request again, newly signed', async () => {
    // One clock for both: the client's wait moves it on, as real time would.
    let clock = Date.UTC(2026, 11, 3, 12, 0, 10);
    const server = await startServer('sqlite', 'fs', {
      openEnrolment: true,
      now: () => clock,
      limits: { perDevice: 3 },
    });
    try {
      const slept: number[] = [];
      const client = new SyncClient({
        server: 'https://sync.casebook.test',
        signer: nodeSigner(newDeviceKey()),
        fetch: injectFetch(server),
        now: () => clock,
        sleep: async (ms) => {
          slept.push(ms);
          clock += ms;
        },
      });
      expect((await client.enrol(newDeviceKey().keyId)).ok).toBe(true);
      const answers = [];
      for (let i = 0; i < 5; i += 1) answers.push((await client.pull(0)).ok);
      // Three a minute: the fourth waited out the minute (50 s were left of it) and went through.
      expect(answers).toEqual([true, true, true, true, true]);
      expect(slept).toEqual([50_250]);
    } finally {
      await server.close();
    }
  });
});

describe('a chunk answer is read only as far as a chunk can go', () => {
  const LIMIT = 16 * 1024 * 1024 + 64 * 1024;
  /** A server answering 200 with `size` bytes, in 1 MiB pieces; counts the bytes it was asked for. */
  const answering = (size: number) => {
    const seen = { pulled: 0 };
    const fetch = async () => {
      let left = size;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (left <= 0) return controller.close();
          const piece = new Uint8Array(Math.min(left, 1024 * 1024));
          left -= piece.length;
          seen.pulled += piece.length;
          controller.enqueue(piece);
        },
      });
      return { status: 200, body, arrayBuffer: () => new Response(body).arrayBuffer() };
    };
    const client = new SyncClient({
      server: 'https://sync.casebook.test',
      signer: nodeSigner(newDeviceKey()),
      fetch,
    });
    return { client, seen };
  };

  it('takes a chunk of the largest size, and refuses one byte more without reading on', async () => {
    // Control: the largest chunk and its envelope come through whole.
    const largest = answering(LIMIT);
    const got = await largest.client.getChunk(randomId());
    expect(got.ok && got.value.length).toBe(LIMIT);

    const endless = answering(200 * 1024 * 1024);
    const refused = await endless.client.getChunk(randomId());
    expect(refused).toMatchObject({ ok: false, code: 'too-large' });
    expect(refused.ok ? '' : refused.message).toMatch(/tell whoever runs the server/);
    // It stopped reading at the limit (one piece past it at most), not at 200 MiB.
    expect(endless.seen.pulled).toBeLessThanOrEqual(LIMIT + 2 * 1024 * 1024);
  });
});
