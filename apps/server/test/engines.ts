/**
 * The real engines the contract suites run on: SQLite files, a fresh PostgreSQL database per
 * suite (from TEST_DATABASE_URL; CI must set it, a developer without PostgreSQL skips those
 * suites), the filesystem, and s3rver.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import S3rver from 's3rver';
import type { BlobStore } from '../src/blobs/blob-store';
import { FsBlobStore } from '../src/blobs/fs-blob-store';
import { S3BlobStore } from '../src/blobs/s3-blob-store';
import { type OpenDatabase, openDatabase } from '../src/db/connect';

export const PG_URL = process.env.TEST_DATABASE_URL;
if (!PG_URL && process.env.CI === 'true') {
  throw new Error(
    'TEST_DATABASE_URL must be set in CI: the PostgreSQL suites may not be skipped there.',
  );
}
export const META_ENGINES = PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
export type MetaEngine = 'sqlite' | 'postgres';
export type BlobEngine = 'fs' | 's3';

export interface Engine<T> {
  readonly value: T;
  readonly dir: string;
  close(): Promise<void>;
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `casebook-${prefix}-`));
}

/** A fresh PostgreSQL database; returns its URL and a way to drop it. */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error('No TEST_DATABASE_URL');
  const name = `cb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = new pg.Client({ connectionString: PG_URL });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

export async function openMeta(engine: MetaEngine): Promise<Engine<OpenDatabase>> {
  if (engine === 'sqlite') {
    const dir = await tempDir('sqlite');
    const database = await openDatabase(`sqlite:${join(dir, 'meta.sqlite')}`);
    return {
      value: database,
      dir,
      async close() {
        await database.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const fresh = await freshPostgres();
  const database = await openDatabase(fresh.url);
  return {
    value: database,
    dir: fresh.url,
    async close() {
      await database.close();
      await fresh.drop();
    },
  };
}

export async function openBlobs(engine: BlobEngine): Promise<Engine<BlobStore>> {
  const dir = await tempDir(engine);
  if (engine === 'fs') {
    return {
      value: new FsBlobStore(dir),
      dir,
      close: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: dir,
    configureBuckets: [{ name: 'casebook-test' }],
  });
  const { port } = await server.run();
  const store = new S3BlobStore({
    bucket: 'casebook-test',
    prefix: 'chunks/',
    client: {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    },
  });
  return {
    value: store,
    dir,
    async close() {
      store.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
