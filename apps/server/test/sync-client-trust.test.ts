/**
 * What the sync client refuses to believe (review findings on @casebook/sync): a
 * countersignature not by the server key pinned at enrolment, or for another head than the one
 * posted; an answer whose body drops mid-way (that is 'offline', not a throw); a server that
 * keeps saying "more" without moving on. Each against the real server in-process, with the
 * answer altered on the way back as a hostile server or a machine in between would.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@casebook/core';
import { type FetchLike, flatCanonicalJson, SyncClient } from '@casebook/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDeviceKey } from '../src/protocol/sign-request';
import { randomId } from './client';
import { type Harness, startServer } from './harness';
import { injectFetch, nodeSigner, rewritingFetch } from './sync-fetch';

const SERVER = 'https://sync.casebook.test';
const hashes = (n: number, salt: string) =>
  Array.from({ length: n }, (_, i) => createHash('sha256').update(`${salt} ${i}`).digest('hex'));

const client = (fetch: FetchLike, serverKey?: string) =>
  new SyncClient({
    server: SERVER,
    signer: nodeSigner(newDeviceKey()),
    fetch,
    ...(serverKey === undefined ? {} : { serverKey }),
  });

async function enrolled(fetch: FetchLike, serverKey?: string): Promise<SyncClient> {
  const device = client(fetch, serverKey);
  const joined = await device.enrol(newDeviceKey().keyId);
  if (!joined.ok) throw new Error(joined.message);
  return device;
}

describe('the client checks the server’s countersignature', () => {
  let server: Harness;
  let other: Harness;

  beforeAll(async () => {
    server = await startServer('sqlite', 'fs', { openEnrolment: true });
    other = await startServer('sqlite', 'fs', { openEnrolment: true });
  });
  afterAll(async () => {
    await server.close();
    await other.close();
  });

  it('canonical JSON of a countersignature’s fields is core’s, byte for byte', () => {
    const fields = {
      v: 1,
      domain: 'casebook-countersign-v1',
      space: 'sp-ace_1',
      seq: 1234,
      chain: 'c',
      'z\u00e9': 'quote " and \\ and \u2028 and é',
      A: 0,
    };
    expect(flatCanonicalJson(fields)).toBe(canonicalJson(fields));
  });

  it('pins the key at enrolment and accepts the server’s own countersignature (control)', async () => {
    const info = await server.app.inject({ method: 'GET', url: '/v1/info' });
    const device = await enrolled(injectFetch(server));
    expect(device.serverKey).toBe(info.json().serverKey);
    const posted = await device.postHistory({
      chain: randomId(),
      from: 0,
      hashes: hashes(12_000, 'control'),
      checkpoint: new TextEncoder().encode('head'),
    });
    expect(posted).toMatchObject({ ok: true, value: { seq: 11_999 } });
    const listed = await device.checkpoints();
    expect(listed.ok && listed.value.checkpoints).toHaveLength(1);
  });

  it('refuses a countersignature by another server than the one pinned', async () => {
    const pinned = (await server.app.inject({ method: 'GET', url: '/v1/info' })).json().serverKey;
    // Pinned to `server`, but the requests reach `other` (a swapped server, a DNS hijack).
    const device = await enrolled(injectFetch(other), pinned);
    const posted = await device.postHistory({
      chain: randomId(),
      from: 0,
      hashes: hashes(3, 'swap'),
      checkpoint: new Uint8Array(0),
    });
    expect(posted).toMatchObject({ ok: false, code: 'bad-countersignature' });
    expect(await device.checkpoints()).toMatchObject({ ok: false, code: 'server-key-changed' });
  });

  it('refuses a genuine countersignature for another head than the one posted', async () => {
    let replay: unknown;
    const fetch = rewritingFetch(injectFetch(server), (url, json) => {
      if (!url.endsWith('/v1/checkpoints')) return json;
      const answer = json as { checkpoint?: unknown };
      replay ??= answer.checkpoint; // the first one seen, sent again for every later post
      return { ...answer, checkpoint: replay };
    });
    const device = await enrolled(fetch);
    const chain = randomId();
    const all = hashes(20, 'replay');
    const first = await device.postHistory({
      chain,
      from: 0,
      hashes: all.slice(0, 10),
      checkpoint: new Uint8Array(0),
    });
    expect(first.ok).toBe(true);
    const second = await device.postHistory({
      chain,
      from: 10,
      hashes: all.slice(10),
      checkpoint: new Uint8Array(0),
    });
    expect(second).toMatchObject({ ok: false, code: 'bad-countersignature' });
  });

  it('refuses a countersignature whose fields were altered, and one over other checkpoint bytes', async () => {
    const tamper = (change: (c: Record<string, unknown>) => Record<string, unknown>) =>
      rewritingFetch(injectFetch(server), (url, json) => {
        const answer = json as { checkpoint?: Record<string, unknown> };
        return url.endsWith('/v1/checkpoints') && answer.checkpoint
          ? { ...answer, checkpoint: change(answer.checkpoint) }
          : json;
      });
    for (const change of [
      (c: Record<string, unknown>) => ({ ...c, serverTime: '2099-01-01T00:00:00.000Z' }),
      (c: Record<string, unknown>) => ({ ...c, checkpointSha256: '0'.repeat(64) }),
      (c: Record<string, unknown>) => ({ ...c, sig: 'A'.repeat(86) }),
    ]) {
      const device = await enrolled(tamper(change));
      const posted = await device.postHistory({
        chain: randomId(),
        from: 0,
        hashes: hashes(2, 'tamper'),
        checkpoint: new TextEncoder().encode('bytes'),
      });
      expect(posted).toMatchObject({ ok: false, code: 'bad-countersignature' });
    }
    // The list, with a device checkpoint that is not the one countersigned.
    const honest = await enrolled(injectFetch(server));
    const chain = randomId();
    expect(
      (
        await honest.postHistory({
          chain,
          from: 0,
          hashes: hashes(2, 'list'),
          checkpoint: new TextEncoder().encode('real'),
        })
      ).ok,
    ).toBe(true);
    const swapped = new SyncClient({
      server: SERVER,
      signer: nodeSigner(newDeviceKey()),
      serverKey: honest.serverKey as string,
      fetch: rewritingFetch(injectFetch(server), (url, json) => {
        const answer = json as { checkpoints?: Record<string, unknown>[] };
        if (!url.endsWith('/v1/checkpoints') || !answer.checkpoints) return json;
        return {
          ...answer,
          checkpoints: answer.checkpoints.map((c) => ({
            ...c,
            deviceCheckpoint: Buffer.from('fake').toString('base64'),
          })),
        };
      }),
    });
    const code = await honest.linkCode();
    if (!code.ok) throw new Error(code.message);
    expect((await swapped.link(code.value.code)).ok).toBe(true);
    expect(await swapped.checkpoints()).toMatchObject({ ok: false, code: 'bad-countersignature' });
  });

  it('will not post history or read checkpoints before a key is pinned', async () => {
    const device = client(injectFetch(server));
    const posted = await device.postHistory({
      chain: randomId(),
      from: 0,
      hashes: hashes(1, 'unpinned'),
      checkpoint: new Uint8Array(0),
    });
    expect(posted).toMatchObject({ ok: false, code: 'not-pinned' });
    expect(await device.checkpoints()).toMatchObject({ ok: false, code: 'not-pinned' });
  });
});

describe('the client stays calm when the server misbehaves', () => {
  let server: Harness;
  beforeAll(async () => {
    server = await startServer('sqlite', 'fs', { openEnrolment: true });
  });
  afterAll(async () => server.close());

  it('an answer whose body drops mid-way is offline, not a throw', async () => {
    const inner = injectFetch(server);
    const device = await enrolled(inner);
    const dropping: FetchLike = async (url, init) => {
      const answer = await inner(url, init);
      return {
        status: answer.status,
        arrayBuffer: async () => {
          throw new TypeError('terminated'); // what undici says when the socket closes
        },
      };
    };
    const cut = new SyncClient({
      server: SERVER,
      signer: nodeSigner(newDeviceKey()),
      fetch: dropping,
    });
    const pulled = await cut.pull(0);
    expect(pulled).toMatchObject({ ok: false, code: 'offline' });
    expect(device.deviceId).toBeTruthy();
  });

  it('a server that keeps saying "more" without moving on is refused, not followed for ever', async () => {
    const inner = injectFetch(server);
    const device = await enrolled(inner);
    const pushed = await device.push(
      Array.from({ length: 3 }, () => ({ id: randomId(), data: new Uint8Array(256) })),
    );
    expect(pushed.ok).toBe(true);
    let pages = 0;
    let firstPage: unknown;
    const stuck = rewritingFetch(inner, (url, json) => {
      if (!url.includes('/v1/changes')) return json;
      pages += 1;
      if (pages > 50) throw new Error('the client kept asking');
      // Always the first page again, always "more".
      const answer = json as { changes: { seq: number }[] };
      firstPage ??= answer.changes.slice(0, 1);
      return { ...answer, changes: firstPage, more: true };
    });
    const stuckDevice = new SyncClient({
      server: SERVER,
      signer: nodeSigner(newDeviceKey()),
      fetch: stuck,
    });
    // Same space: link it so the server answers its pulls.
    const code = await device.linkCode();
    if (!code.ok) throw new Error(code.message);
    expect((await stuckDevice.link(code.value.code)).ok).toBe(true);
    const first = await stuckDevice.pull(0);
    expect(first).toMatchObject({ ok: false, code: 'no-progress' });
    expect(pages).toBeLessThanOrEqual(2);
    // And "more" with an empty page.
    pages = 0;
    const empty = new SyncClient({
      server: SERVER,
      signer: nodeSigner(newDeviceKey()),
      fetch: rewritingFetch(inner, (url, json) =>
        url.includes('/v1/changes') ? { ...(json as object), changes: [], more: true } : json,
      ),
    });
    const code2 = await device.linkCode();
    if (!code2.ok) throw new Error(code2.message);
    expect((await empty.link(code2.value.code)).ok).toBe(true);
    expect(await empty.pull(0)).toMatchObject({ ok: false, code: 'no-progress' });
  });
});
