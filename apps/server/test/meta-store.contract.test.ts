import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../src/db/connect';
import { MetaStore } from '../src/db/meta-store';
import { migrate } from '../src/db/migrations';
import { type Engine, META_ENGINES, openMeta } from './engines';

const id = () => randomBytes(16).toString('base64url');
const env = (bytes: Buffer) => ({
  id: id(),
  data: bytes,
  digest: createHash('sha256').update(bytes).digest(),
});
const hash = (n: number, salt = 'a') => createHash('sha256').update(`${salt}${n}`).digest('hex');

describe.each(META_ENGINES)('metadata store contract: %s', (engine) => {
  let open: Engine<OpenDatabase>;
  let store: MetaStore;
  const now = 1_800_000_000_000;

  async function newSpace() {
    const spaceId = id();
    const keyId = id();
    expect(
      await store.enrol({
        invite: null,
        spaceId,
        keyId,
        publicKey: randomBytes(32),
        identityKey: randomBytes(32),
        now,
      }),
    ).toBe('ok');
    return { spaceId, keyId };
  }

  beforeAll(async () => {
    open = await openMeta(engine);
    store = new MetaStore(open.value.db);
  });
  afterAll(async () => open.close());

  it('migrations are numbered, run once, and a second run does nothing', async () => {
    expect(await migrate(open.value.db, open.value.dialect)).toEqual([]);
  });

  it('makes a server secret once, whoever asks', async () => {
    const a = await store.secret('s', () => ({ secret: Buffer.from('one'), publicKey: null }), now);
    const b = await store.secret('s', () => ({ secret: Buffer.from('two'), publicKey: null }), now);
    expect(a.secret.toString()).toBe('one');
    expect(b.secret.toString()).toBe('one');
  });

  it('hands out sequence numbers in order and keeps every envelope', async () => {
    const { spaceId, keyId } = await newSpace();
    const first = [env(randomBytes(256)), env(randomBytes(512))];
    const out = await store.push(spaceId, keyId, first, now);
    expect(out.results.map((r) => r.status)).toEqual(['stored', 'stored']);
    expect(out.head).toBe(2);
    const second = await store.push(spaceId, keyId, [env(randomBytes(256))], now);
    expect(second.head).toBe(3);
    const changes = await store.changes(spaceId, 0, 10);
    expect(changes.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(changes[0]?.data.equals(first[0]?.data ?? Buffer.alloc(0))).toBe(true);
    expect((await store.changes(spaceId, 2, 10)).map((c) => c.seq)).toEqual([3]);
    expect(await store.head(spaceId)).toBe(3);
  });

  it('a retried push finds its first answer; a reused id with other bytes stores nothing', async () => {
    const { spaceId, keyId } = await newSpace();
    const batch = [env(randomBytes(256)), env(randomBytes(256))];
    const once = await store.push(spaceId, keyId, batch, now);
    const again = await store.push(spaceId, keyId, batch, now);
    expect(again.results).toEqual(once.results.map((r) => ({ ...r, status: 'already' })));
    const clash = await store.push(
      spaceId,
      keyId,
      [
        env(randomBytes(256)),
        {
          ...(batch[0] as ReturnType<typeof env>),
          ...env(randomBytes(256)),
          id: batch[0]?.id ?? '',
        },
      ],
      now,
    );
    expect(clash.results.map((r) => r.status)).toEqual(['conflict', 'conflict']);
    expect(await store.head(spaceId)).toBe(2);
  });

  it('concurrent pushes to one space get distinct, gap-free sequence numbers', async () => {
    const { spaceId, keyId } = await newSpace();
    await Promise.all(
      Array.from({ length: 8 }, () =>
        store.push(spaceId, keyId, [env(randomBytes(256)), env(randomBytes(256))], now),
      ),
    );
    const seqs = (await store.changes(spaceId, 0, 100)).map((c) => c.seq);
    expect(seqs).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('keeps spaces apart', async () => {
    const a = await newSpace();
    const b = await newSpace();
    await store.push(a.spaceId, a.keyId, [env(randomBytes(256))], now);
    expect(await store.changes(b.spaceId, 0, 10)).toEqual([]);
  });

  it('accepts a nonce once per key', async () => {
    const key = id();
    expect(await store.rememberNonce(key, 'n1', now)).toBe(true);
    expect(await store.rememberNonce(key, 'n1', now)).toBe(false);
    expect(await store.rememberNonce(id(), 'n1', now)).toBe(true);
  });

  it('counts rate-limit hits per bucket and window', async () => {
    const bucket = id();
    expect(await store.hit(bucket, 60_000)).toBe(1);
    expect(await store.hit(bucket, 60_000)).toBe(2);
    expect(await store.hit(bucket, 120_000)).toBe(1);
    await store.forgetRateCountsBefore(120_000);
    expect(await store.hit(bucket, 60_000)).toBe(1);
  });

  it('spends an invite once, and never a wrong or expired one', async () => {
    const inviteId = id();
    const secret = randomBytes(32);
    await store.createInvite(inviteId, secret, now, now + 1000);
    const enrol = (s: Buffer, at = now) =>
      store.enrol({
        invite: { id: inviteId, secretHash: s },
        spaceId: id(),
        keyId: id(),
        publicKey: randomBytes(32),
        identityKey: randomBytes(32),
        now: at,
      });
    expect(await enrol(randomBytes(32))).toBe('wrong');
    expect(await enrol(secret)).toBe('ok');
    expect(await enrol(secret)).toBe('used');
    const late = id();
    await store.createInvite(late, secret, now, now + 1000);
    expect(
      await store.enrol({
        invite: { id: late, secretHash: secret },
        spaceId: id(),
        keyId: id(),
        publicKey: randomBytes(32),
        identityKey: randomBytes(32),
        now: now + 1000,
      }),
    ).toBe('expired');
    expect(
      await store.enrol({
        invite: { id: id(), secretHash: secret },
        spaceId: id(),
        keyId: id(),
        publicKey: randomBytes(32),
        identityKey: randomBytes(32),
        now,
      }),
    ).toBe('unknown');
  });

  it.runIf(engine === 'postgres')(
    'two links at once with one code add exactly one device',
    async () => {
      const { spaceId, keyId } = await newSpace();
      const code = { id: id(), secretHash: randomBytes(32) };
      await store.createLinkCode({
        ...code,
        spaceId,
        createdBy: keyId,
        now,
        expiresAt: now + 60_000,
      });
      // A third connection holds the code's row lock, so both links read the code unspent
      // and then wait at their update; let go once both wait, and they race for the spend.
      const blocker = new pg.Client({ connectionString: open.dir });
      await blocker.connect();
      await blocker.query('begin');
      await blocker.query('update link_codes set failures = failures where id = $1', [code.id]);
      const links = Promise.all(
        [id(), id()].map((keyId) =>
          store.link({
            codeId: code.id,
            secretHash: code.secretHash,
            keyId,
            publicKey: randomBytes(32),
            now,
          }),
        ),
      );
      for (let waiting = 0, tries = 0; waiting < 2 && tries < 250; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const row = await blocker.query(
          "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
        );
        waiting = row.rows[0].n;
      }
      await blocker.query('commit');
      await blocker.end();
      const outcomes = (await links).map((o) => o.outcome).sort();
      expect(outcomes).toEqual(['ok', 'used']);
      expect(await store.devices(spaceId)).toHaveLength(2);
    },
  );

  it('links with a code once; wrong guesses burn it; a removed device is refused', async () => {
    const { spaceId, keyId } = await newSpace();
    const code = { id: id(), secretHash: randomBytes(32) };
    await store.createLinkCode({
      ...code,
      spaceId,
      createdBy: keyId,
      now,
      expiresAt: now + 60_000,
    });
    const second = id();
    const linked = await store.link({
      codeId: code.id,
      secretHash: code.secretHash,
      keyId: second,
      publicKey: randomBytes(32),
      now,
    });
    expect(linked).toEqual({ outcome: 'ok', spaceId });
    expect(
      (
        await store.link({
          codeId: code.id,
          secretHash: code.secretHash,
          keyId: id(),
          publicKey: randomBytes(32),
          now,
        })
      ).outcome,
    ).toBe('used');

    const guessed = { id: id(), secretHash: randomBytes(32) };
    await store.createLinkCode({
      ...guessed,
      spaceId,
      createdBy: keyId,
      now,
      expiresAt: now + 60_000,
    });
    for (let i = 0; i < 5; i += 1) {
      expect(
        (
          await store.link({
            codeId: guessed.id,
            secretHash: randomBytes(32),
            keyId: id(),
            publicKey: randomBytes(32),
            now,
          })
        ).outcome,
      ).toBe('wrong');
    }
    expect(
      (
        await store.link({
          codeId: guessed.id,
          secretHash: guessed.secretHash,
          keyId: id(),
          publicKey: randomBytes(32),
          now,
        })
      ).outcome,
    ).toBe('used');

    expect(await store.removeDevice(spaceId, second, now)).toBe(true);
    expect(await store.removeDevice(spaceId, second, now)).toBe(false);
    expect((await store.device(second))?.removedAt).toBe(now);
    expect((await store.devices(spaceId)).map((d) => d.keyId)).toEqual([keyId, second]);
  });

  it('notes chunks once per id and says which are missing', async () => {
    const { spaceId } = await newSpace();
    const a = id();
    const digest = randomBytes(32);
    expect(await store.noteChunk(spaceId, a, 10, digest, now)).toBe('stored');
    expect(await store.noteChunk(spaceId, a, 10, digest, now)).toBe('already');
    expect(await store.noteChunk(spaceId, a, 10, randomBytes(32), now)).toBe('conflict');
    const b = id();
    expect(await store.missingChunks(spaceId, [a, b])).toEqual([b]);
  });

  describe('countersigned checkpoints', () => {
    const sign = ({ seq, head }: { seq: number; head: string }) => `sig-${seq}-${head.slice(0, 4)}`;
    const post = (
      spaceId: string,
      deviceId: string,
      chain: string,
      from: number,
      hashes: string[],
      at = now,
    ) =>
      store.checkpoint({
        spaceId,
        chain,
        deviceId,
        seq: from + hashes.length - 1,
        head: hashes[hashes.length - 1] ?? '',
        from,
        hashes,
        checkpoint: Buffer.from('signed head'),
        serverTime: at,
        sign,
      });
    const run = (a: number, b: number, salt = 'a') =>
      Array.from({ length: b - a + 1 }, (_, i) => hash(a + i, salt));

    it('countersigns a chain from its start, then each extension', async () => {
      const { spaceId, keyId } = await newSpace();
      const chain = id();
      const first = await post(spaceId, keyId, chain, 0, run(0, 4));
      expect(first).toMatchObject({
        status: 'countersigned',
        checkpoint: { seq: 4, head: hash(4) },
      });
      expect(await post(spaceId, keyId, chain, 5, run(5, 9))).toMatchObject({
        status: 'countersigned',
      });
      // Overlapping what the server knows is fine when it agrees.
      expect(await post(spaceId, keyId, chain, 8, run(8, 12))).toMatchObject({
        status: 'countersigned',
      });
      expect(await post(spaceId, keyId, chain, 12, run(12, 12))).toMatchObject({
        status: 'already',
      });
      const latest = await store.latestCheckpoints(spaceId);
      expect(latest).toHaveLength(1);
      expect(latest[0]).toMatchObject({
        chain,
        seq: 12,
        head: hash(12),
        serverSig: sign({ seq: 12, head: hash(12) }),
      });
    });

    it('refuses a shorter, a forked or a gapped history, and keeps nothing of it', async () => {
      const { spaceId, keyId } = await newSpace();
      const chain = id();
      await post(spaceId, keyId, chain, 0, run(0, 9));
      expect(await post(spaceId, keyId, chain, 0, run(0, 7))).toEqual({ status: 'shorter' });
      expect(await post(spaceId, keyId, chain, 8, [...run(8, 8, 'b'), ...run(9, 12)])).toEqual({
        status: 'forked',
      });
      expect(await post(spaceId, keyId, chain, 5, run(5, 12, 'b'))).toEqual({ status: 'forked' });
      expect(await post(spaceId, keyId, chain, 12, run(12, 14))).toEqual({ status: 'gap' });
      expect(await post(spaceId, keyId, id(), 3, run(3, 4))).toEqual({ status: 'gap' });
      expect(await post(spaceId, id(), chain, 10, run(10, 11))).toEqual({ status: 'not-yours' });
      expect(
        await store.checkpoint({
          spaceId,
          chain,
          deviceId: keyId,
          seq: 11,
          head: hash(99),
          from: 10,
          hashes: run(10, 11),
          checkpoint: Buffer.alloc(1),
          serverTime: now,
          sign,
        }),
      ).toEqual({ status: 'mismatch' });
      expect((await store.latestCheckpoints(spaceId))[0]).toMatchObject({ seq: 9, head: hash(9) });
      // The honest extension still goes through after all the refusals.
      expect(await post(spaceId, keyId, chain, 10, run(10, 11))).toMatchObject({
        status: 'countersigned',
      });
    });
  });
});
