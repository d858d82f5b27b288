/**
 * Opens the metadata database: SQLite (WAL) by default, PostgreSQL for a `postgres://` URL.
 * One Kysely query layer serves both, so the same code and the same contract tests run on each.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type Dialect, migrate } from './migrations';
import type { Database } from './schema';

// int8 (bigint) columns hold times in ms and sequence numbers: far below 2^53, so numbers.
pg.types.setTypeParser(20, (value) => Number(value));

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

export async function openDatabase(url: string): Promise<OpenDatabase> {
  const dialect: Dialect = /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
  let db: Kysely<Database>;
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client dropped by the database (restart, failover) emits 'error' on the pool;
    // unhandled, that would end the process. Log the code only: the message can hold the URL.
    pool.on('error', (error) => {
      console.error(
        `PostgreSQL dropped an idle connection (${(error as { code?: string }).code ?? 'no code'}).`,
      );
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    const path = url.replace(/^sqlite:/, '');
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    // WAL lets readers run beside the one writer; busy_timeout waits out a writer instead of
    // failing; synchronous=NORMAL is durable across a process crash in WAL mode.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  await migrate(db, dialect);
  return { db, dialect, close: () => db.destroy() };
}
