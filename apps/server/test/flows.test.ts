/**
 * The protocol end to end, through inject(), on every pair of engines: enrol, link, push and
 * pull, retries, conflicts kept, chunks resumed, devices removed, history countersigned,
 * and requests that must be refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueInvite } from '../src/auth/invites';
import { readConfig } from '../src/config';
import { MetaStore } from '../src/db/meta-store';
import { countersignatureHolds } from '../src/protocol/countersign';
import { ed25519PublicKey } from '../src/protocol/http-signature';
import { Countersigned } from '../src/protocol/schemas';
import { envelope, randomId, TEST_AUTHORITY, TestDevice } from './client';
import { META_ENGINES } from './engines';
import { type Harness, startServer } from './harness';

const pairs = META_ENGINES.flatMap((m) => (['fs', 's3'] as const).map((b) => [m, b] as const));
const h = (n: number) => createHash('sha256').update(`entry ${n}`).digest('hex');

describe.each(pairs)('sync flows on %s + %s', (metaEngine, blobEngine) => {
  let server: Harness;
  let a: TestDevice;
  let b: TestDevice;
  let space: string;

  beforeAll(async () => {
    server = await startServer(metaEngine, blobEngine);
    a = new TestDevice(server.app);
    b = new TestDevice(server.app);
  });
  afterAll(async () => server.close());

  it('needs an invite to start a casebook, and takes each invite once', async () => {
    expect((await a.send('POST', '/v1/enrol', { v: 1 })).json.error.code).toBe('invite-needed');
    const invite = await issueInvite(new MetaStore(server.meta.value.db), Date.now(), 7);
    const enrolled = await a.send('POST', '/v1/enrol', { v: 1, invite: invite.toLowerCase() });
    expect(enrolled.status).toBe(201);
    space = enrolled.json.space;
    const other = new TestDevice(server.app);
    const again = await other.send('POST', '/v1/enrol', { v: 1, invite });
    expect(again.status).toBe(403);
    expect(again.json.error.message).toMatch(/already been used/);
  });

  it('links a second device with a linking code shown on the first', async () => {
    const made = await a.send('POST', '/v1/link-codes', {});
    expect(made.status).toBe(201);
    expect(made.json.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect((await b.send('POST', '/v1/link', { v: 1, code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' })).status).toBe(
      403,
    );
    const linked = await b.send('POST', '/v1/link', { v: 1, code: made.json.code });
    expect(linked.status).toBe(201);
    expect(linked.json.space).toBe(space);
    const list = await b.send('GET', '/v1/devices');
    expect(list.json.devices.map((d: { device: string }) => d.device)).toEqual([
      a.key.keyId,
      b.key.keyId,
    ]);
  });

  it('a push reaches the other device; a retried push is a success with the same numbers', async () => {
    const batch = [envelope(256), envelope(512), envelope(1024)];
    const first = await a.send('POST', '/v1/push', { v: 1, envelopes: batch });
    expect(first.status).toBe(200);
    // The answer was lost: the device sends the same batch again.
    const retry = await a.send('POST', '/v1/push', { v: 1, envelopes: batch });
    expect(retry.status).toBe(200);
    expect(retry.json.results.map((r: { seq: number }) => r.seq)).toEqual(
      first.json.results.map((r: { seq: number }) => r.seq),
    );
    expect(retry.json.results.every((r: { status: string }) => r.status === 'already')).toBe(true);
    const pulled = await b.send('GET', '/v1/changes?since=0');
    expect(pulled.json.changes.map((c: { id: string }) => c.id)).toEqual(batch.map((e) => e.id));
    expect(pulled.json.changes.map((c: { data: string }) => c.data)).toEqual(
      batch.map((e) => e.data),
    );
    expect(pulled.json.more).toBe(false);
  });

  it('never picks a winner: two offline edits of one record are both kept, in order', async () => {
    const head = (await a.send('GET', '/v1/changes?since=0')).json.head;
    const fromA = envelope(256);
    const fromB = envelope(256);
    await Promise.all([
      a.send('POST', '/v1/push', { v: 1, envelopes: [fromA] }),
      b.send('POST', '/v1/push', { v: 1, envelopes: [fromB] }),
    ]);
    for (const device of [a, b]) {
      const got = await device.send('GET', `/v1/changes?since=${head}`);
      expect(got.json.changes.map((c: { id: string }) => c.id).sort()).toEqual(
        [fromA.id, fromB.id].sort(),
      );
    }
  });

  it('pages a pull and says when there is more', async () => {
    const page = await b.send('GET', '/v1/changes?since=0&limit=2');
    expect(page.json.changes).toHaveLength(2);
    expect(page.json.more).toBe(true);
  });

  it('refuses an unpadded envelope and an id reused with other bytes', async () => {
    const odd = { id: randomId(), data: randomBytes(300).toString('base64') };
    const refused = await a.send('POST', '/v1/push', { v: 1, envelopes: [odd] });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toMatch(/padded to a multiple of 256/);
    const once = envelope(256);
    await a.send('POST', '/v1/push', { v: 1, envelopes: [once] });
    const clash = await a.send('POST', '/v1/push', {
      v: 1,
      envelopes: [{ ...once, data: envelope(256).data }],
    });
    expect(clash.status).toBe(409);
  });

  it('an interrupted upload resumes: the server says which chunks it still needs', async () => {
    const chunks = Array.from({ length: 6 }, () => ({
      id: randomId(),
      bytes: randomBytes(64 * 1024 + 16),
    }));
    for (const chunk of chunks.slice(0, 2)) {
      expect((await a.send('PUT', `/v1/chunks/${chunk.id}`, chunk.bytes)).status).toBe(201);
    }
    // The connection dropped after the third chunk reached the server but before its answer.
    const third = chunks[2] as (typeof chunks)[number];
    await a.send('PUT', `/v1/chunks/${third.id}`, third.bytes);
    const missing = await a.send('POST', '/v1/chunks/missing', {
      v: 1,
      ids: chunks.map((c) => c.id),
    });
    expect(missing.json.missing).toEqual(chunks.slice(3).map((c) => c.id));
    expect((await a.send('PUT', `/v1/chunks/${third.id}`, third.bytes)).json.status).toBe(
      'already',
    );
    for (const chunk of chunks.slice(3)) await a.send('PUT', `/v1/chunks/${chunk.id}`, chunk.bytes);
    for (const chunk of chunks) {
      const got = await b.send('GET', `/v1/chunks/${chunk.id}`);
      expect(got.status).toBe(200);
      expect(got.raw.equals(chunk.bytes)).toBe(true);
    }
    expect((await a.send('PUT', `/v1/chunks/${third.id}`, randomBytes(10))).status).toBe(409);
    expect((await b.send('GET', `/v1/chunks/${randomId()}`)).status).toBe(404);
  });

  it('countersigns an extending head, refuses a shorter or forked one, and returns the latest', async () => {
    const chain = randomId();
    const hashes = Array.from({ length: 5 }, (_, i) => h(i));
    const post = (from: number, list: string[]) =>
      a.send('POST', '/v1/checkpoints', {
        v: 1,
        chain,
        seq: from + list.length - 1,
        head: list[list.length - 1],
        from,
        hashes: list,
        checkpoint: Buffer.from('device-signed head').toString('base64'),
      });
    const first = await post(0, hashes);
    expect(first.status).toBe(201);
    const info = await server.app.inject({ method: 'GET', url: '/v1/info' });
    const serverKey = ed25519PublicKey(Buffer.from(info.json().serverKey, 'base64url'));
    const countersigned = Countersigned.parse(first.json.checkpoint);
    expect(countersignatureHolds(countersigned, serverKey)).toBe(true);
    expect(countersignatureHolds({ ...countersigned, seq: 5 }, serverKey)).toBe(false);

    expect((await post(5, [h(5), h(6)])).status).toBe(201);
    const shorter = await post(0, hashes.slice(0, 3));
    expect(shorter.status).toBe(409);
    expect(shorter.json.error.code).toBe('shorter');
    const forked = await post(6, [h(60), h(7)]);
    expect(forked.json.error.code).toBe('forked');
    // Only the device whose chain it is may extend it.
    expect(
      (
        await b.send('POST', '/v1/checkpoints', {
          v: 1,
          chain,
          seq: 7,
          head: h(7),
          from: 7,
          hashes: [h(7)],
          checkpoint: '',
        })
      ).json.error.code,
    ).toBe('not-yours');

    const latest = await b.send('GET', '/v1/checkpoints');
    expect(latest.json.checkpoints).toHaveLength(1);
    expect(latest.json.checkpoints[0]).toMatchObject({ chain, seq: 6, head: h(6) });
    const { deviceCheckpoint: _, ...signed } = latest.json.checkpoints[0];
    expect(countersignatureHolds(Countersigned.parse(signed), serverKey)).toBe(true);
  });

  it('refuses a replayed, an expired and a tampered request', async () => {
    const nonce = randomBytes(16).toString('base64url');
    expect((await a.send('GET', '/v1/changes?since=0', undefined, { nonce })).status).toBe(200);
    const replay = await a.send('GET', '/v1/changes?since=0', undefined, { nonce });
    expect(replay.status).toBe(401);
    expect(replay.json.error.code).toBe('replayed');
    const old = await a.send('GET', '/v1/changes?since=0', undefined, {
      created: Math.floor(Date.now() / 1000) - 61,
    });
    expect(old.json.error.code).toBe('clock');
    const headers = (await import('../src/protocol/sign-request')).signRequest(a.key, {
      method: 'POST',
      authority: TEST_AUTHORITY,
      url: '/v1/push',
      body: Buffer.from('{"v":1,"envelopes":[]}'),
    });
    const tampered = await server.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { ...headers, host: TEST_AUTHORITY, 'content-type': 'application/json' },
      payload: JSON.stringify({ v: 1, envelopes: [envelope(256)] }),
    });
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().error.code).toBe('digest');
    const stranger = new TestDevice(server.app);
    expect((await stranger.send('GET', '/v1/changes?since=0')).json.error.code).toBe(
      'unknown-device',
    );
    // Sent to another host than it was signed for.
    const elsewhere = await a.send('GET', '/v1/changes?since=0', undefined, {
      authority: 'other.example.org',
    });
    expect(elsewhere.json.error.code).toBe('bad-signature');
  });

  it('refuses before reading the body: an unsigned or unknown push is never parsed', async () => {
    const unsigned = await server.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { host: TEST_AUTHORITY, 'content-type': 'application/json' },
      payload: '{ not json',
    });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().error.code).toBe('unsigned');
    const stranger = new TestDevice(server.app);
    const bytes = Buffer.from('{ not json');
    const headers = (await import('../src/protocol/sign-request')).signRequest(stranger.key, {
      method: 'POST',
      authority: TEST_AUTHORITY,
      url: '/v1/push',
      body: bytes,
    });
    const unknown = await server.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { ...headers, host: TEST_AUTHORITY, 'content-type': 'application/json' },
      payload: bytes,
    });
    expect(unknown.json().error.code).toBe('unknown-device');
  });

  it('one key has one id: enrolling under another spelling of it is refused', async () => {
    const fresh = new TestDevice(server.app);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(fresh.key.keyId.slice(-1));
    const twin = `${fresh.key.keyId.slice(0, -1)}${alphabet[last ^ 2]}`;
    const respelled = new TestDevice(server.app, Date.now, { ...fresh.key, keyId: twin });
    const invite = await issueInvite(new MetaStore(server.meta.value.db), Date.now(), 7);
    const refused = await respelled.send('POST', '/v1/enrol', { v: 1, invite });
    expect(refused.status).toBe(401);
    expect(refused.json.error.code).toBe('bad-signature');
  });

  it('removing another device needs the casebook identity’s proof: a taken phone cannot remove the rest', async () => {
    // b stands for a phone someone took: it is linked and signs, but has no proof.
    const bare = await b.send('DELETE', `/v1/devices/${a.key.keyId}`);
    expect(bare.status).toBe(403);
    expect(bare.json.error.code).toBe('proof-needed');
    expect(bare.json.error.message).toBe(
      'Removing another device needs your passphrase. Type it and try again.',
    );
    const stranger = new TestDevice(server.app);
    const forged = await b.send('DELETE', `/v1/devices/${a.key.keyId}`, {
      v: 1,
      proof: stranger.removalProof(space, a.key.keyId),
    });
    expect(forged.status).toBe(403);
    expect(forged.json.error.code).toBe('bad-proof');
    // A real proof, but for another device, removes nothing.
    const misdirected = await b.send('DELETE', `/v1/devices/${a.key.keyId}`, {
      v: 1,
      proof: a.removalProof(space, b.key.keyId),
    });
    expect(misdirected.json.error.code).toBe('bad-proof');
    expect((await a.send('GET', '/v1/changes?since=0')).status).toBe(200);
  });

  it('a removed device stops at once', async () => {
    const removed = await a.send('DELETE', `/v1/devices/${b.key.keyId}`, {
      v: 1,
      proof: a.removalProof(space, b.key.keyId),
    });
    expect(removed.status).toBe(200);
    const after = await b.send('GET', '/v1/changes?since=0');
    expect(after.status).toBe(403);
    expect(after.json.error.message).toBe('This device has been removed from the casebook.');
    expect((await b.send('POST', '/v1/link-codes', {})).status).toBe(403);
    expect((await a.send('GET', '/v1/changes?since=0')).status).toBe(200);
  });
});

describe('operator settings and rate limits', () => {
  let server: Harness;
  afterAll(async () => server?.close());

  it('open enrolment needs no invite; limits per device, per invite and per address hold', async () => {
    server = await startServer('sqlite', 'fs', {
      openEnrolment: true,
      limits: { perAddress: 1000, codeAttemptsPerAddress: 6, perInvite: 2, perDevice: 4 },
    });
    const one = new TestDevice(server.app);
    expect((await one.send('POST', '/v1/enrol', { v: 1 })).status).toBe(201);
    for (let i = 0; i < 4; i += 1) expect((await one.send('GET', '/v1/changes')).status).toBe(200);
    const limited = await one.send('GET', '/v1/changes');
    expect(limited.status).toBe(429);
    expect(limited.json.error.message).toMatch(/Wait a minute/);
    // It says how long: the seconds left of the minute, which the client waits out.
    expect(limited.json.error.retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.json.error.retryAfter).toBeLessThanOrEqual(60);
    // Another device is not held back by the first one's limit.
    const two = new TestDevice(server.app);
    expect((await two.send('POST', '/v1/enrol', { v: 1 })).status).toBe(201);

    expect((await two.send('GET', '/v1/changes')).status).toBe(200);

    const guess = (code: string) =>
      new TestDevice(server.app).send('POST', '/v1/enrol', { v: 1, invite: code });
    const tries = [];
    for (let i = 0; i < 3; i += 1) tries.push((await guess('AAAAAAAA-BBBB-CCCC-DDDD-EEEE')).status);
    expect(tries).toEqual([403, 403, 429]);
    // Another invite is not held back by that one's limit...
    expect((await guess('CCCCCCCC-BBBB-CCCC-DDDD-EEEE')).status).toBe(403);
    // ...but six code attempts a minute from one address is all it gets.
    const capped = await guess('DDDDDDDD-BBBB-CCCC-DDDD-EEEE');
    expect(capped.status).toBe(429);
    expect(capped.json.error.message).toBe('Too many tries. Wait a minute and try again.');
  });

  it('a device may always unlink itself with no proof; enrolment needs the identity key', async () => {
    const own = await startServer('sqlite', 'fs', { openEnrolment: true });
    try {
      const three = new TestDevice(own.app);
      expect((await three.send('POST', '/v1/enrol', { v: 1 })).status).toBe(201);
      expect((await three.send('DELETE', `/v1/devices/${three.key.keyId}`)).status).toBe(200);
      expect((await three.send('GET', '/v1/changes')).status).toBe(403);
      const noIdentity = await new TestDevice(own.app).send('POST', '/v1/enrol', {
        v: 1,
        identity: 'not-a-key',
      });
      expect(noIdentity.status).toBe(400);
    } finally {
      await own.close();
    }
  });

  it('with one trusted proxy hop a client-written X-Forwarded-For picks no other bucket', async () => {
    const { trustProxy } = readConfig({ TRUST_PROXY: '1' });
    const proxied = await startServer('sqlite', 'fs', { trustProxy, limits: { perAddress: 3 } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i += 1) {
        const res = await proxied.app.inject({
          method: 'GET',
          url: '/v1/info',
          // The client wrote the first entry; the proxy appended the address it saw.
          headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await proxied.close();
    }
    expect(() => readConfig({ TRUST_PROXY: 'true' })).toThrow(/number of proxies/);
    expect(readConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual([
      '10.0.0.1',
      '10.0.0.0/8',
    ]);
  });

  it('a request over the per-address limit is refused before anything else', async () => {
    const small = await startServer('sqlite', 'fs', { limits: { perAddress: 3 } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i += 1) {
        statuses.push((await small.app.inject({ method: 'GET', url: '/v1/info' })).statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      // The address is never written down: only a keyed hash of it names the bucket.
      const rows = await small.meta.value.db.selectFrom('rate_counts').select('bucket').execute();
      expect(rows.some((r) => r.bucket.includes('127.0.0.1'))).toBe(false);
      expect(rows.some((r) => r.bucket.startsWith('a:'))).toBe(true);
      expect(small.logs.join('').includes('127.0.0.1')).toBe(false);
      expect(small.logs.length).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});
