/**
 * The metadata port: everything the server keeps besides the chunks' bytes. One adapter,
 * written once in Kysely, runs on SQLite and on PostgreSQL; test/meta-store.contract.test.ts
 * holds both to the same contract. No method merges or overwrites what a device sent:
 * every envelope is kept, and a retried push finds its own earlier answer.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema';

export interface Device {
  readonly keyId: string;
  readonly spaceId: string;
  readonly publicKey: Buffer;
  readonly createdAt: number;
  readonly removedAt: number | null;
}

export interface EnvelopeIn {
  readonly id: string;
  readonly digest: Buffer;
  readonly data: Buffer;
}

export type PushResult =
  | { readonly id: string; readonly seq: number; readonly status: 'stored' | 'already' }
  | { readonly id: string; readonly status: 'conflict' };

export interface Change {
  readonly seq: number;
  readonly id: string;
  readonly deviceId: string;
  readonly data: Buffer;
  readonly createdAt: number;
}

export interface CheckpointIn {
  readonly spaceId: string;
  readonly chain: string;
  readonly deviceId: string;
  readonly seq: number;
  readonly head: string;
  /** Entry hashes for seq `from` .. `seq`, in order. */
  readonly from: number;
  readonly hashes: readonly string[];
  readonly checkpoint: Buffer;
  readonly serverTime: number;
  readonly sign: (fields: { seq: number; head: string; serverTime: number }) => string;
}

export interface StoredCheckpoint {
  readonly chain: string;
  readonly seq: number;
  readonly head: string;
  readonly deviceId: string;
  readonly checkpoint: Buffer;
  readonly serverTime: number;
  readonly serverSig: string;
}

export type CheckpointOutcome =
  | { readonly status: 'countersigned' | 'already'; readonly checkpoint: StoredCheckpoint }
  | { readonly status: 'shorter' | 'forked' | 'gap' | 'not-yours' | 'mismatch' };

export type CodeOutcome = 'ok' | 'unknown' | 'used' | 'expired' | 'wrong';

const LINK_FAILURES_ALLOWED = 5;

export class MetaStore {
  constructor(readonly db: Kysely<Database>) {}

  /** A server secret by name, made once by whichever process asks first. */
  async secret(
    name: string,
    make: () => { secret: Buffer; publicKey: Buffer | null },
    now: number,
  ): Promise<{ secret: Buffer; publicKey: Buffer | null }> {
    const made = make();
    await this.db
      .insertInto('server_secrets')
      .values({ name, secret: made.secret, public_key: made.publicKey, created_at: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('server_secrets')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return { secret: row.secret, publicKey: row.public_key };
  }

  async device(keyId: string): Promise<Device | undefined> {
    const row = await this.db
      .selectFrom('devices')
      .selectAll()
      .where('key_id', '=', keyId)
      .executeTakeFirst();
    return row && toDevice(row);
  }

  async devices(spaceId: string): Promise<Device[]> {
    const rows = await this.db
      .selectFrom('devices')
      .selectAll()
      .where('space_id', '=', spaceId)
      .orderBy('created_at')
      .execute();
    return rows.map(toDevice);
  }

  /** The casebook identity's public key, when the space was enrolled with one. */
  async identityKey(spaceId: string): Promise<Buffer | null> {
    const row = await this.db
      .selectFrom('spaces')
      .select('identity_key')
      .where('id', '=', spaceId)
      .executeTakeFirst();
    return row?.identity_key ?? null;
  }

  /** Removes a device of the space; it is refused from its very next request. */
  async removeDevice(spaceId: string, keyId: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('devices')
      .set({ removed_at: now })
      .where('space_id', '=', spaceId)
      .where('key_id', '=', keyId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async createInvite(id: string, secretHash: Buffer, now: number, expiresAt: number) {
    await this.db
      .insertInto('invites')
      .values({
        id,
        secret_hash: secretHash,
        created_at: now,
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
  }

  /**
   * Enrols a new casebook: spends the invite (when one is needed), makes the space and its
   * first device, all or nothing.
   */
  async enrol(input: {
    invite: { id: string; secretHash: Buffer } | null;
    spaceId: string;
    keyId: string;
    publicKey: Buffer;
    identityKey: Buffer;
    now: number;
  }): Promise<CodeOutcome | 'device-exists'> {
    return this.db.transaction().execute(async (tx) => {
      if (await deviceExists(tx, input.keyId)) return 'device-exists';
      if (input.invite) {
        const outcome = await spendInvite(tx, input.invite.id, input.invite.secretHash, input.now);
        if (outcome !== 'ok') return outcome;
      }
      await tx
        .insertInto('spaces')
        .values({
          id: input.spaceId,
          head_seq: 0,
          created_at: input.now,
          identity_key: input.identityKey,
        })
        .execute();
      await insertDevice(tx, input.spaceId, input.keyId, input.publicKey, input.now);
      return 'ok';
    });
  }

  async createLinkCode(input: {
    id: string;
    secretHash: Buffer;
    spaceId: string;
    createdBy: string;
    now: number;
    expiresAt: number;
  }) {
    await this.db
      .insertInto('link_codes')
      .values({
        id: input.id,
        secret_hash: input.secretHash,
        space_id: input.spaceId,
        created_by: input.createdBy,
        created_at: input.now,
        expires_at: input.expiresAt,
        used_at: null,
        failures: 0,
        package: null,
      })
      .execute();
  }

  /**
   * Keeps a link package beside a live, unused code its own device made, once; false when
   * there is no such code, or it already has another package. The same bytes again is a retry
   * whose answer was lost, and holds (the row is left as it is).
   */
  async putLinkPackage(input: {
    codeId: string;
    spaceId: string;
    createdBy: string;
    package: Buffer;
    now: number;
  }): Promise<boolean> {
    const result = await this.db
      .updateTable('link_codes')
      .set({ package: input.package })
      .where('id', '=', input.codeId)
      .where('space_id', '=', input.spaceId)
      .where('created_by', '=', input.createdBy)
      .where('used_at', 'is', null)
      .where('failures', '<', LINK_FAILURES_ALLOWED)
      .where('expires_at', '>', input.now)
      .where((eb) => eb.or([eb('package', 'is', null), eb('package', '=', input.package)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Spends a live code at once and drops its package, when its own secret came with it (so
   * only a holder of the code can cancel it); false when there is no such code.
   */
  async cancelLinkCode(input: { codeId: string; secretHash: Buffer; now: number }) {
    const result = await this.db
      .updateTable('link_codes')
      .set({ used_at: input.now, package: null })
      .where('id', '=', input.codeId)
      .where('secret_hash', '=', input.secretHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Drops the link packages of codes that have expired (used and burnt ones go at once). */
  async forgetLinkPackagesBefore(now: number): Promise<void> {
    await this.db
      .updateTable('link_codes')
      .set({ package: null })
      .where('expires_at', '<=', now)
      .where('package', 'is not', null)
      .execute();
  }

  /** Links a device with a linking code; a code is burnt after a few wrong guesses. */
  async link(input: {
    codeId: string;
    secretHash: Buffer;
    keyId: string;
    publicKey: Buffer;
    now: number;
  }): Promise<{
    outcome: CodeOutcome | 'device-exists';
    spaceId?: string;
    package?: Buffer;
  }> {
    return this.db.transaction().execute(async (tx) => {
      if (await deviceExists(tx, input.keyId)) return { outcome: 'device-exists' as const };
      const code = await tx
        .selectFrom('link_codes')
        .selectAll()
        .where('id', '=', input.codeId)
        .executeTakeFirst();
      if (!code) return { outcome: 'unknown' as const };
      if (code.used_at !== null || code.failures >= LINK_FAILURES_ALLOWED) {
        return { outcome: 'used' as const };
      }
      if (code.expires_at <= input.now) return { outcome: 'expired' as const };
      if (!code.secret_hash.equals(input.secretHash)) {
        // Conditional, like the spend below: the row is re-checked under the update's lock,
        // so two requests read-then-write cannot both count against an unburnt code.
        // The try that burns the code drops its package with it.
        const burn = await tx
          .updateTable('link_codes')
          .set({
            failures: sql`failures + 1`,
            package: sql`case when failures + 1 >= ${LINK_FAILURES_ALLOWED} then null else package end`,
          })
          .where('id', '=', input.codeId)
          .where('used_at', 'is', null)
          .where('failures', '<', LINK_FAILURES_ALLOWED)
          .executeTakeFirst();
        if (Number(burn.numUpdatedRows) === 0) return { outcome: 'used' as const };
        return { outcome: 'wrong' as const };
      }
      const creator = await tx
        .selectFrom('devices')
        .select('removed_at')
        .where('key_id', '=', code.created_by)
        .executeTakeFirst();
      if (!creator || creator.removed_at !== null) return { outcome: 'used' as const };
      // The spend is conditional: the read above takes no lock (PostgreSQL's read committed),
      // so two links with one code can both get here; only one update finds the code unspent.
      const spent = await tx
        .updateTable('link_codes')
        .set({ used_at: input.now, package: null })
        .where('id', '=', input.codeId)
        .where('used_at', 'is', null)
        .where('failures', '<', LINK_FAILURES_ALLOWED)
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) === 0) return { outcome: 'used' as const };
      await insertDevice(tx, code.space_id, input.keyId, input.publicKey, input.now);
      return {
        outcome: 'ok' as const,
        spaceId: code.space_id,
        ...(code.package ? { package: code.package } : {}),
      };
    });
  }

  /** Records a request nonce; false when this key already used it (a replay). */
  async rememberNonce(keyId: string, nonce: string, now: number): Promise<boolean> {
    const result = await this.db
      .insertInto('nonces')
      .values({ key_id: keyId, nonce, created_at: now })
      .onConflict((oc) => oc.columns(['key_id', 'nonce']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async forgetNoncesBefore(time: number): Promise<void> {
    await this.db.deleteFrom('nonces').where('created_at', '<', time).execute();
  }

  /** Counts one hit in a fixed window; returns the count so far, this hit included. */
  async hit(bucket: string, windowStart: number): Promise<number> {
    const row = await this.db
      .insertInto('rate_counts')
      .values({ bucket, window_start: windowStart, count: 1 })
      .onConflict((oc) =>
        oc.columns(['bucket', 'window_start']).doUpdateSet({ count: sql`rate_counts.count + 1` }),
      )
      .returning('count')
      .executeTakeFirstOrThrow();
    return row.count;
  }

  async forgetRateCountsBefore(windowStart: number): Promise<void> {
    await this.db.deleteFrom('rate_counts').where('window_start', '<', windowStart).execute();
  }

  /**
   * Stores a batch of envelopes in order, each under the next sequence number of its space.
   * An id already stored with the same digest is 'already' (a retry); with another digest it
   * is a 'conflict' and nothing of the batch is stored.
   */
  async push(
    spaceId: string,
    deviceId: string,
    items: readonly EnvelopeIn[],
    now: number,
  ): Promise<{ results: PushResult[]; head: number }> {
    return this.db.transaction().execute(async (tx) => {
      // Taking the space row first serialises pushes to one space, so sequence numbers are
      // handed out and committed in order: a pull never skips one committed later.
      const space = await tx
        .updateTable('spaces')
        .set({ head_seq: sql`head_seq` })
        .where('id', '=', spaceId)
        .returning('head_seq')
        .executeTakeFirstOrThrow();
      let head = space.head_seq;
      const ids = items.map((item) => item.id);
      const existing = new Map<string, { seq: number; digest: Buffer }>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await tx
          .selectFrom('envelopes')
          .select(['id', 'seq', 'digest'])
          .where('space_id', '=', spaceId)
          .where('id', 'in', ids.slice(i, i + 500))
          .execute();
        for (const row of rows) existing.set(row.id, { seq: row.seq, digest: row.digest });
      }
      const results: PushResult[] = [];
      const seen = new Map<string, Buffer>();
      let conflict = false;
      for (const item of items) {
        const before = existing.get(item.id);
        const earlier = seen.get(item.id);
        if (before) {
          if (before.digest.equals(item.digest)) {
            results.push({ id: item.id, seq: before.seq, status: 'already' });
          } else {
            results.push({ id: item.id, status: 'conflict' });
            conflict = true;
          }
          continue;
        }
        if (earlier) {
          results.push({ id: item.id, status: 'conflict' });
          conflict = true;
          continue;
        }
        seen.set(item.id, item.digest);
        head += 1;
        results.push({ id: item.id, seq: head, status: 'stored' });
      }
      if (conflict) {
        return {
          results: results.map((r) =>
            r.status === 'stored' ? { id: r.id, status: 'conflict' as const } : r,
          ),
          head: space.head_seq,
        };
      }
      const fresh = items.filter((item) => seen.has(item.id));
      const bySeq = results.filter((r) => r.status === 'stored');
      for (let i = 0; i < fresh.length; i += 100) {
        await tx
          .insertInto('envelopes')
          .values(
            fresh.slice(i, i + 100).map((item, k) => ({
              space_id: spaceId,
              seq: (bySeq[i + k] as { seq: number }).seq,
              id: item.id,
              device_id: deviceId,
              digest: item.digest,
              data: item.data,
              created_at: now,
            })),
          )
          .execute();
      }
      if (head !== space.head_seq) {
        await tx.updateTable('spaces').set({ head_seq: head }).where('id', '=', spaceId).execute();
      }
      return { results, head };
    });
  }

  async changes(spaceId: string, since: number, limit: number): Promise<Change[]> {
    const rows = await this.db
      .selectFrom('envelopes')
      .select(['seq', 'id', 'device_id', 'data', 'created_at'])
      .where('space_id', '=', spaceId)
      .where('seq', '>', since)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      seq: r.seq,
      id: r.id,
      deviceId: r.device_id,
      data: r.data,
      createdAt: r.created_at,
    }));
  }

  async head(spaceId: string): Promise<number> {
    const row = await this.db
      .selectFrom('spaces')
      .select('head_seq')
      .where('id', '=', spaceId)
      .executeTakeFirstOrThrow();
    return row.head_seq;
  }

  /** Notes a chunk whose bytes are in the blob store; the same id must carry the same bytes. */
  async noteChunk(
    spaceId: string,
    id: string,
    size: number,
    digest: Buffer,
    now: number,
  ): Promise<'stored' | 'already' | 'conflict'> {
    const before = await this.chunk(spaceId, id);
    if (before) return before.digest.equals(digest) ? 'already' : 'conflict';
    const result = await this.db
      .insertInto('chunks')
      .values({ space_id: spaceId, id, size, digest, created_at: now })
      .onConflict((oc) => oc.columns(['space_id', 'id']).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 1) return 'stored';
    const raced = await this.chunk(spaceId, id);
    return raced?.digest.equals(digest) ? 'already' : 'conflict';
  }

  async chunk(spaceId: string, id: string): Promise<{ size: number; digest: Buffer } | undefined> {
    return this.db
      .selectFrom('chunks')
      .select(['size', 'digest'])
      .where('space_id', '=', spaceId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Drops the row of a chunk whose stored bytes were found damaged, so it is asked for again. */
  async forgetChunk(spaceId: string, id: string): Promise<void> {
    await this.db
      .deleteFrom('chunks')
      .where('space_id', '=', spaceId)
      .where('id', '=', id)
      .execute();
  }

  /** Which of these chunk ids the space does not hold yet: what a resumed upload still sends. */
  async missingChunks(spaceId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('chunks')
      .select('id')
      .where('space_id', '=', spaceId)
      .where('id', 'in', [...ids])
      .execute();
    const have = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !have.has(id));
  }

  /**
   * Countersigns a device's head when it extends what the server saw of that chain: the same
   * entry hashes at every sequence number both know, nothing missing between, never shorter.
   */
  async checkpoint(input: CheckpointIn): Promise<CheckpointOutcome> {
    const last = input.from + input.hashes.length - 1;
    if (
      input.hashes.length === 0 ||
      last !== input.seq ||
      input.hashes[input.hashes.length - 1] !== input.head
    ) {
      return { status: 'mismatch' };
    }
    return this.db.transaction().execute(async (tx) => {
      await lockSpace(tx, input.spaceId);
      const latest = await latestOf(tx, input.spaceId, input.chain);
      if (latest && latest.device_id !== input.deviceId) return { status: 'not-yours' as const };
      if (!latest && input.from !== 0) return { status: 'gap' as const };
      if (latest && input.seq < latest.seq) return { status: 'shorter' as const };
      if (latest && input.from > latest.seq + 1) return { status: 'gap' as const };
      const known = await tx
        .selectFrom('chain_hashes')
        .select(['seq', 'h'])
        .where('space_id', '=', input.spaceId)
        .where('chain', '=', input.chain)
        .where('seq', '>=', input.from)
        .orderBy('seq')
        .execute();
      for (const row of known) {
        if (input.hashes[row.seq - input.from] !== row.h) return { status: 'forked' as const };
      }
      if (latest && latest.seq === input.seq) {
        return { status: 'already' as const, checkpoint: toCheckpoint(latest) };
      }
      const knownTop = known.length > 0 ? (known[known.length - 1] as { seq: number }).seq : -1;
      const fresh = input.hashes
        .map((h, i) => ({ seq: input.from + i, h }))
        .filter((entry) => entry.seq > knownTop);
      for (let i = 0; i < fresh.length; i += 200) {
        await tx
          .insertInto('chain_hashes')
          .values(
            fresh.slice(i, i + 200).map((entry) => ({
              space_id: input.spaceId,
              chain: input.chain,
              seq: entry.seq,
              h: entry.h,
            })),
          )
          .execute();
      }
      const row = {
        space_id: input.spaceId,
        chain: input.chain,
        seq: input.seq,
        head: input.head,
        device_id: input.deviceId,
        checkpoint: input.checkpoint,
        server_time: input.serverTime,
        server_sig: input.sign({ seq: input.seq, head: input.head, serverTime: input.serverTime }),
      };
      await tx.insertInto('checkpoints').values(row).execute();
      return { status: 'countersigned' as const, checkpoint: toCheckpoint(row) };
    });
  }

  /** The newest countersigned checkpoint of every chain in the space. */
  async latestCheckpoints(spaceId: string): Promise<StoredCheckpoint[]> {
    const rows = await this.db
      .selectFrom('checkpoints as c')
      .selectAll()
      .where('c.space_id', '=', spaceId)
      .where('c.seq', '=', (eb) =>
        eb
          .selectFrom('checkpoints as d')
          .select((e) => e.fn.max('d.seq').as('m'))
          .whereRef('d.space_id', '=', 'c.space_id')
          .whereRef('d.chain', '=', 'c.chain'),
      )
      .orderBy('c.chain')
      .execute();
    return rows.map(toCheckpoint);
  }
}

type DeviceRow = Database['devices'];
type CheckpointRow = Database['checkpoints'];

function toDevice(row: DeviceRow): Device {
  return {
    keyId: row.key_id,
    spaceId: row.space_id,
    publicKey: row.public_key,
    createdAt: row.created_at,
    removedAt: row.removed_at,
  };
}

function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return {
    chain: row.chain,
    seq: row.seq,
    head: row.head,
    deviceId: row.device_id,
    checkpoint: row.checkpoint,
    serverTime: row.server_time,
    serverSig: row.server_sig,
  };
}

async function deviceExists(tx: Transaction<Database>, keyId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('devices')
    .select('key_id')
    .where('key_id', '=', keyId)
    .executeTakeFirst();
  return row !== undefined;
}

async function insertDevice(
  tx: Transaction<Database>,
  spaceId: string,
  keyId: string,
  publicKey: Buffer,
  now: number,
) {
  await tx
    .insertInto('devices')
    .values({
      key_id: keyId,
      space_id: spaceId,
      public_key: publicKey,
      created_at: now,
      removed_at: null,
    })
    .execute();
}

async function spendInvite(
  tx: Transaction<Database>,
  id: string,
  secretHash: Buffer,
  now: number,
): Promise<CodeOutcome> {
  const invite = await tx.selectFrom('invites').selectAll().where('id', '=', id).executeTakeFirst();
  if (!invite) return 'unknown';
  if (!invite.secret_hash.equals(secretHash)) return 'wrong';
  if (invite.used_at !== null) return 'used';
  if (invite.expires_at <= now) return 'expired';
  const result = await tx
    .updateTable('invites')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? 'ok' : 'used';
}

async function lockSpace(tx: Transaction<Database>, spaceId: string) {
  await tx
    .updateTable('spaces')
    .set({ head_seq: sql`head_seq` })
    .where('id', '=', spaceId)
    .execute();
}

async function latestOf(
  tx: Transaction<Database>,
  spaceId: string,
  chain: string,
): Promise<CheckpointRow | undefined> {
  return tx
    .selectFrom('checkpoints')
    .selectAll()
    .where('space_id', '=', spaceId)
    .where('chain', '=', chain)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
