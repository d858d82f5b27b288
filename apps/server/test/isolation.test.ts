/**
 * One casebook's device can neither read nor write another casebook's data, over HTTP, on
 * every engine pair. Each refusal has its control: the owner's own device doing the same.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, randomId, TestDevice } from './client';
import { META_ENGINES } from './engines';
import { type Harness, startServer } from './harness';

const pairs = META_ENGINES.flatMap((m) => (['fs', 's3'] as const).map((b) => [m, b] as const));

describe.each(pairs)('casebooks kept apart on %s + %s', (metaEngine, blobEngine) => {
  let server: Harness;
  let owner: TestDevice;
  let ownerLaptop: TestDevice;
  let stranger: TestDevice;
  let strangerSpace: string;
  const chunkId = randomId();
  const chunk = randomBytes(3000);
  const secret = envelope(512);
  const chain = randomId();
  const head = createHash('sha256').update('entry 0').digest('hex');

  beforeAll(async () => {
    server = await startServer(metaEngine, blobEngine, { openEnrolment: true });
    owner = new TestDevice(server.app);
    ownerLaptop = new TestDevice(server.app);
    stranger = new TestDevice(server.app);
    await owner.send('POST', '/v1/enrol', { v: 1 });
    const { code } = (await owner.send('POST', '/v1/link-codes', {})).json;
    await ownerLaptop.send('POST', '/v1/link', { v: 1, code });
    strangerSpace = (await stranger.send('POST', '/v1/enrol', { v: 1 })).json.space;
    await owner.send('POST', '/v1/push', { v: 1, envelopes: [secret] });
    await owner.send('PUT', `/v1/chunks/${chunkId}`, chunk);
    await owner.send('POST', '/v1/checkpoints', {
      v: 1,
      chain,
      seq: 0,
      head,
      from: 0,
      hashes: [head],
      checkpoint: '',
    });
  });
  afterAll(async () => server.close());

  it('cannot pull the other casebook’s envelopes', async () => {
    const own = await owner.send('GET', '/v1/changes?since=0');
    expect(own.json.changes.map((c: { id: string }) => c.id)).toEqual([secret.id]);
    const theirs = await stranger.send('GET', '/v1/changes?since=0');
    expect(theirs.status).toBe(200);
    expect(theirs.json.changes).toEqual([]);
    expect(theirs.json.head).toBe(0);
    expect(theirs.raw.includes(Buffer.from(secret.data))).toBe(false);
  });

  it('cannot read, list or overwrite the other casebook’s chunk', async () => {
    expect((await ownerLaptop.send('GET', `/v1/chunks/${chunkId}`)).raw.equals(chunk)).toBe(true);
    expect((await stranger.send('GET', `/v1/chunks/${chunkId}`)).status).toBe(404);
    const missing = await stranger.send('POST', '/v1/chunks/missing', { v: 1, ids: [chunkId] });
    expect(missing.json.missing).toEqual([chunkId]);
    // The same id from the stranger lands in the stranger's own casebook, not over the owner's.
    expect((await stranger.send('PUT', `/v1/chunks/${chunkId}`, randomBytes(3000))).status).toBe(
      201,
    );
    expect((await owner.send('GET', `/v1/chunks/${chunkId}`)).raw.equals(chunk)).toBe(true);
  });

  it('cannot reuse the other casebook’s envelope id to clash with it', async () => {
    const same = await stranger.send('POST', '/v1/push', {
      v: 1,
      envelopes: [{ id: secret.id, data: envelope(512).data }],
    });
    expect(same.status).toBe(200);
    const own = await owner.send('GET', '/v1/changes?since=0');
    expect(own.json.changes.map((c: { data: string }) => c.data)).toEqual([secret.data]);
  });

  it('cannot see or extend the other casebook’s history, or list or remove its devices', async () => {
    expect((await ownerLaptop.send('GET', '/v1/checkpoints')).json.checkpoints).toHaveLength(1);
    expect((await stranger.send('GET', '/v1/checkpoints')).json.checkpoints).toEqual([]);
    const devices = await stranger.send('GET', '/v1/devices');
    expect(devices.json.devices.map((d: { device: string }) => d.device)).toEqual([
      stranger.key.keyId,
    ]);
    // Even with a proof that holds for the stranger's own casebook.
    const removal = await stranger.send('DELETE', `/v1/devices/${ownerLaptop.key.keyId}`, {
      v: 1,
      proof: stranger.removalProof(strangerSpace, ownerLaptop.key.keyId),
    });
    expect(removal.status).toBe(404);
    expect((await ownerLaptop.send('GET', '/v1/changes?since=0')).status).toBe(200);
  });
});
