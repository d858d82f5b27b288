/**
 * A real casebook's first countersignature can cover far more than one post's 10,000 hashes:
 * 25,000 entries go up in pages, each countersigned as it extends the last, and a fork deep
 * inside the paged history is still refused.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CHAIN_HASHES } from '../src/protocol/schemas';
import { randomId, TestDevice } from './client';
import { META_ENGINES } from './engines';
import { type Harness, startServer } from './harness';

const ENTRIES = 25_000;
const h = (n: number) => createHash('sha256').update(`entry ${n}`).digest('hex');

describe.each(META_ENGINES)('a paged history of 25,000 entries on %s', (metaEngine) => {
  let server: Harness;
  let phone: TestDevice;
  const chain = randomId();
  const hashes = Array.from({ length: ENTRIES }, (_, i) => h(i));
  const post = (from: number, list: string[], checkpoint = '') =>
    phone.send('POST', '/v1/checkpoints', {
      v: 1,
      chain,
      seq: from + list.length - 1,
      head: list[list.length - 1],
      from,
      hashes: list,
      checkpoint,
    });

  beforeAll(async () => {
    server = await startServer(metaEngine, 'fs', { openEnrolment: true });
    phone = new TestDevice(server.app);
    await phone.send('POST', '/v1/enrol', { v: 1 });
  });
  afterAll(async () => server.close());

  it('all at once is refused in plain words, and nothing is kept', async () => {
    const all = await post(0, hashes);
    expect(all.status).toBe(413);
    expect(all.json.error.message).toMatch(/at most 10,000 entry hashes at once/);
    expect((await phone.send('GET', '/v1/checkpoints')).json.checkpoints).toEqual([]);
  });

  it('in pages, each is countersigned and the last names entry 24,999', async () => {
    const signed = Buffer.from('the vault’s signed checkpoint').toString('base64');
    for (let from = 0; from < ENTRIES; from += MAX_CHAIN_HASHES) {
      const page = hashes.slice(from, from + MAX_CHAIN_HASHES);
      const last = from + page.length === ENTRIES;
      const sent = await post(from, page, last ? signed : '');
      expect(sent.status).toBe(201);
      expect(sent.json.checkpoint.seq).toBe(from + page.length - 1);
    }
    const latest = (await phone.send('GET', '/v1/checkpoints')).json.checkpoints;
    expect(latest).toHaveLength(1);
    expect(latest[0]).toMatchObject({ chain, seq: ENTRIES - 1, head: h(ENTRIES - 1) });
    expect(latest[0].deviceCheckpoint).toBe(signed);
    const count = await server.meta.value.db
      .selectFrom('chain_hashes')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(ENTRIES);
  }, 120_000);

  it('a history forked deep inside the pages is refused', async () => {
    const forked = hashes.slice(15_000, 25_000);
    forked[345] = h(-1);
    forked[forked.length - 1] = h(-2);
    const sent = await post(15_000, forked);
    expect(sent.status).toBe(409);
    expect(sent.json.error.code).toBe('forked');
  });
});
