/**
 * An interrupted 100 MiB upload resumed: a file's 100 encrypted chunks of 1 MiB go up, the
 * connection drops after 37 of them, the device asks which the server still lacks, sends
 * only those, and the second device gets every byte back. A chunk over the limit is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CHUNK_BYTES } from '../src/protocol/schemas';
import { randomId, TestDevice } from './client';
import { type Harness, startServer } from './harness';

describe('a large upload', () => {
  let server: Harness;
  let phone: TestDevice;
  let laptop: TestDevice;
  beforeAll(async () => {
    server = await startServer('sqlite', 'fs', { openEnrolment: true });
    phone = new TestDevice(server.app);
    laptop = new TestDevice(server.app);
    await phone.send('POST', '/v1/enrol', { v: 1 });
    const { code } = (await phone.send('POST', '/v1/link-codes', {})).json;
    await laptop.send('POST', '/v1/link', { v: 1, code });
  });
  afterAll(async () => server.close());

  it('resumes after a drop and arrives whole', async () => {
    const seed = randomBytes(1024 * 1024 + 16);
    // Each chunk differs (its index in the first bytes), as ciphertext chunks do.
    const chunk = (i: number) => {
      const bytes = Buffer.from(seed);
      bytes.writeUInt32BE(i, 0);
      return bytes;
    };
    const ids = Array.from({ length: 100 }, () => randomId());
    const whole = createHash('sha256');
    for (let i = 0; i < 37; i += 1) {
      expect((await phone.send('PUT', `/v1/chunks/${ids[i]}`, chunk(i))).status).toBe(201);
    }
    const { missing } = (await phone.send('POST', '/v1/chunks/missing', { v: 1, ids })).json;
    expect(missing).toEqual(ids.slice(37));
    for (const id of missing as string[]) {
      const i = ids.indexOf(id);
      expect((await phone.send('PUT', `/v1/chunks/${id}`, chunk(i))).status).toBe(201);
    }
    expect((await phone.send('POST', '/v1/chunks/missing', { v: 1, ids })).json.missing).toEqual(
      [],
    );
    const back = createHash('sha256');
    for (let i = 0; i < ids.length; i += 1) {
      whole.update(chunk(i));
      const got = await laptop.send('GET', `/v1/chunks/${ids[i]}`);
      expect(got.status).toBe(200);
      back.update(got.raw);
    }
    expect(back.digest('hex')).toBe(whole.digest('hex'));
  });

  it('refuses a chunk over the limit with a plain message', async () => {
    const big = await phone.send(
      'PUT',
      `/v1/chunks/${randomId()}`,
      Buffer.alloc(MAX_CHUNK_BYTES + 1),
    );
    expect(big.status).toBe(413);
    expect(big.json.error.message).toBe('That is more than this server takes at once.');
  });
});
