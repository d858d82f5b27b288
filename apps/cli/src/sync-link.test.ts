/**
 * Linking, seen from the server (SECURITY.md "Linking a device"): everything the real server
 * received (every request's path and body) and stored (its SQLite database and every file in
 * its data directory), taken while the link package waits and again after the link, holds
 * nothing of the code's device part, and no code made from it opens the package. Positive
 * controls: the same capture finds the server's part, the code's id and the package itself,
 * and the whole code opens the package the server handed over.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FetchLike, SyncClient } from '@casebook/sync';
import { syncSigner, sync as vaultSync } from '@casebook/vault';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { nodeFetch } from './sync/node-fetch';
import { dir, open, run, SERVER, useSyncServer } from './testing/sync-harness';

useSyncServer('casebook-link-');

/** Every request the server received, as text: its method, path and body. */
function recording(): { fetch: FetchLike; seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    fetch: async (url, init) => {
      const body = init.body ? Buffer.from(init.body).toString('utf8') : '';
      seen.push(`${init.method} ${new URL(url).pathname} ${body}`);
      return nodeFetch(url, init);
    },
  };
}

/** Everything the server keeps: each file under its data directory, raw. */
async function storedBytes(): Promise<Buffer> {
  const root = join(dir, 'server-data');
  const files = await readdir(root, { recursive: true, withFileTypes: true });
  const parts = await Promise.all(
    files.filter((f) => f.isFile()).map((f) => readFile(join(f.parentPath, f.name))),
  );
  return Buffer.concat(parts);
}

/** The server's `link_codes` rows, read from its own database file. */
function linkCodeRows(): Array<Record<string, unknown>> {
  const dbFile = join(dir, 'server-data', 'casebook.sqlite');
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select * from link_codes').all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

describe('linking through a real server', () => {
  it('the server cannot open the link package from anything it received or stored', async () => {
    const file = join(dir, 'phone.casebook');
    expect((await run('demo', file, '--incidents', '2', '--weeks', '1')).code).toBe(0);
    expect((await run('sync', file, '--server', SERVER, '--out', `${file}.new`)).code).toBe(0);
    const state = JSON.parse(await readFile(`${file}.sync.json`, 'utf8'));
    const phone = await open(file);
    const seenByServer = recording();
    const client = new SyncClient({
      server: SERVER,
      signer: syncSigner(phone),
      fetch: seenByServer.fetch,
      serverKey: state.serverKey,
      space: state.space,
    });

    // What the app does on "Link another device".
    const made = await client.linkCode();
    if (!made.ok) throw new Error(made.message);
    const code = await vaultSync.extendLinkCode(made.value.code);
    const read = vaultSync.readLinkCode(code);
    if (!read) throw new Error('a whole code expected');
    const devicePart = read.whole.slice(vaultSync.SERVER_CODE_LENGTH);
    const sealed = await vaultSync.sealLinkPackage(phone, {
      code,
      space: state.space,
      serverKey: state.serverKey,
    });
    expect((await client.putLinkPackage(made.value.code, sealed)).ok).toBe(true);
    await phone.lock();
    const waiting = { rows: linkCodeRows(), bytes: await storedBytes() };

    // What the new device does with the code typed in (lower case, spaces: as a person might).
    const { signer, pair } = await vaultSync.newLinkingKey();
    const typed = code.toLowerCase().replace(/-/g, ' ');
    const typedRead = vaultSync.readLinkCode(typed);
    if (!typedRead) throw new Error('the typed code should read');
    const newDevice = new SyncClient({ server: SERVER, signer, fetch: seenByServer.fetch });
    const linked = await newDevice.link(typedRead.serverPart);
    if (!linked.ok) throw new Error(linked.message);
    await vaultSync.forgetLinkingKey(pair);
    const handed = linked.value.package;
    if (!handed) throw new Error('a package expected');
    const after = { rows: linkCodeRows(), bytes: await storedBytes() };

    // Positive controls: the capture holds what the server was given.
    const received = seenByServer.seen.join('\n');
    expect(received).toContain(read.serverPart);
    expect(received).toContain(Buffer.from(sealed).toString('base64'));
    const row = waiting.rows.find((r) => r.id === read.whole.slice(0, 4));
    expect(Buffer.from(row?.package as Uint8Array)).toEqual(Buffer.from(sealed));
    expect(waiting.bytes.includes(Buffer.from(sealed.subarray(0, 32)))).toBe(true);
    expect(Buffer.from(handed)).toEqual(Buffer.from(sealed));
    expect(after.rows.find((r) => r.id === row?.id)?.package).toBeNull();

    // Nothing of the device's part reached the server, in any case or spacing.
    for (const text of [received, JSON.stringify(waiting.rows), JSON.stringify(after.rows)]) {
      expect(text.toUpperCase().replace(/[\s-]/g, '')).not.toContain(devicePart);
    }
    for (const bytes of [waiting.bytes, after.bytes]) {
      expect(bytes.includes(Buffer.from(devicePart))).toBe(false);
      expect(bytes.includes(Buffer.from(devicePart.toLowerCase()))).toBe(false);
    }
    // No code the server could form opens the package it held; the whole code does.
    const codesTheServerHas = [read.serverPart, `${read.serverPart}-0000-0000-0000`];
    for (const guess of codesTheServerHas) {
      expect(
        (await vaultSync.openLinkPackage(handed, { code: guess, space: linked.value.space })).ok,
      ).toBe(false);
    }
    const opened = await vaultSync.openLinkPackage(handed, {
      code: typed,
      space: linked.value.space,
    });
    expect(opened.ok).toBe(true);
  });

  it('a mistyped code is refused before anything is sent', async () => {
    const file = join(dir, 'laptop.casebook');
    expect((await run('demo', file, '--incidents', '1', '--weeks', '1')).code).toBe(0);
    // One character short of seven groups: the last group would carry the device part.
    const result = await run(
      'sync',
      file,
      '--server',
      SERVER,
      '--link',
      'K7QW-3MZD-9XPA-V2HT-R4NB-8CJE-W6F',
    );
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/not in the right form.*Nothing was sent\.$/s);
    const refused = await new SyncClient({
      server: SERVER,
      signer: (await vaultSync.newLinkingKey()).signer,
      fetch: async () => {
        throw new Error('nothing may be sent');
      },
    }).link('K7QW-3MZD-9XPA-V2HT-R4NB-8CJE-W6FS');
    expect(refused).toMatchObject({ ok: false, code: 'bad-code' });
  });
});
