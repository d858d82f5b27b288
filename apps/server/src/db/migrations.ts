/**
 * Numbered migrations, run by Kysely's Migrator. On PostgreSQL it takes an advisory lock
 * first, so several server processes starting at once on one database migrate once. SQLite
 * takes no migration lock: its file is opened by one server process only (more processes
 * need PostgreSQL), and Kysely runs the migrations on its one connection, in a transaction.
 * A migration, once released, is never edited: add the next number.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

const blob = (dialect: Dialect) => (dialect === 'postgres' ? 'bytea' : 'blob');
const big = 'bigint';

export type Dialect = 'sqlite' | 'postgres';

function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': {
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('server_secrets')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('secret', blob(dialect), (c) => c.notNull())
          .addColumn('public_key', blob(dialect))
          .addColumn('created_at', big, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('spaces')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('head_seq', big, (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('devices')
          .addColumn('key_id', 'text', (c) => c.primaryKey())
          .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
          .addColumn('public_key', blob(dialect), (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .addColumn('removed_at', big)
          .execute();
        await db.schema.createIndex('devices_space').on('devices').column('space_id').execute();
        await db.schema
          .createTable('invites')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('secret_hash', blob(dialect), (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .addColumn('expires_at', big, (c) => c.notNull())
          .addColumn('used_at', big)
          .execute();
        await db.schema
          .createTable('link_codes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('secret_hash', blob(dialect), (c) => c.notNull())
          .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .addColumn('expires_at', big, (c) => c.notNull())
          .addColumn('used_at', big)
          .addColumn('failures', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('nonces')
          .addColumn('key_id', 'text', (c) => c.notNull())
          .addColumn('nonce', 'text', (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('nonces_pk', ['key_id', 'nonce'])
          .execute();
        await db.schema.createIndex('nonces_age').on('nonces').column('created_at').execute();
        await db.schema
          .createTable('rate_counts')
          .addColumn('bucket', 'text', (c) => c.notNull())
          .addColumn('window_start', big, (c) => c.notNull())
          .addColumn('count', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('rate_counts_pk', ['bucket', 'window_start'])
          .execute();
        await db.schema
          .createTable('envelopes')
          .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
          .addColumn('seq', big, (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('digest', blob(dialect), (c) => c.notNull())
          .addColumn('data', blob(dialect), (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('envelopes_pk', ['space_id', 'seq'])
          .addUniqueConstraint('envelopes_id', ['space_id', 'id'])
          .execute();
        await db.schema
          .createTable('chunks')
          .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('size', big, (c) => c.notNull())
          .addColumn('digest', blob(dialect), (c) => c.notNull())
          .addColumn('created_at', big, (c) => c.notNull())
          .addPrimaryKeyConstraint('chunks_pk', ['space_id', 'id'])
          .execute();
        await db.schema
          .createTable('chain_hashes')
          .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
          .addColumn('chain', 'text', (c) => c.notNull())
          .addColumn('seq', big, (c) => c.notNull())
          .addColumn('h', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('chain_hashes_pk', ['space_id', 'chain', 'seq'])
          .execute();
        await db.schema
          .createTable('checkpoints')
          .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
          .addColumn('chain', 'text', (c) => c.notNull())
          .addColumn('seq', big, (c) => c.notNull())
          .addColumn('head', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('checkpoint', blob(dialect), (c) => c.notNull())
          .addColumn('server_time', big, (c) => c.notNull())
          .addColumn('server_sig', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('checkpoints_pk', ['space_id', 'chain', 'seq'])
          .execute();
      },
    },
    '0002-address-key-out-of-database': {
      // The address-hash key lived in server_secrets beside the hashes it keys; it now comes
      // from ADDRESS_KEY or a file (auth/address-key.ts). The old key and the counts it made go.
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
      async up(db: Kysely<any>) {
        await db.deleteFrom('server_secrets').where('name', '=', 'address-hmac').execute();
        await db.deleteFrom('rate_counts').execute();
      },
    },
    '0003-space-identity': {
      // The casebook identity's public key, sent at enrolment: removing another device needs
      // its signature (routes/identity.ts). Spaces enrolled before have none: self-removal only.
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
      async up(db: Kysely<any>) {
        await db.schema.alterTable('spaces').addColumn('identity_key', blob(dialect)).execute();
      },
    },
    '0004-link-packages': {
      // The opaque link package a linked device leaves beside its linking code for the new
      // device (sealed under a key from the code; PROTOCOL.md "Linking a device"). It is set
      // back to null when the code is used, burnt or expired, so it outlives none of them.
      // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
      async up(db: Kysely<any>) {
        await db.schema.alterTable('link_codes').addColumn('package', blob(dialect)).execute();
      },
    },
  };
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/** Brings the database up to the newest migration; throws if any step fails. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on the untyped database
export async function migrate(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
