import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FetchLike } from '@casebook/sync';
import { sync as vaultSync } from '@casebook/vault';
import { describe, expect, it } from 'vitest';
import { nodeFetch } from './sync/node-fetch';
import { syncCommand } from './sync/sync-command';
import {
  Device,
  dir,
  edit,
  exists,
  open,
  SERVER,
  twoDevices,
  useSyncServer,
} from './testing/sync-harness';

useSyncServer('casebook-cursor-');

/** Every request one sync sent, and the changes each pull answer carried. */
interface Wire {
  readonly requests: string[];
  readonly pulled: { since: number; seqs: number[]; ids: string[] }[];
}

function counting(): { fetch: FetchLike; wire: Wire } {
  const wire: Wire = { requests: [], pulled: [] };
  const fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname + new URL(url).search;
    wire.requests.push(`${init.method} ${path}`);
    const answer = await nodeFetch(url, init);
    const bytes = await answer.arrayBuffer();
    if (path.startsWith('/v1/changes')) {
      const json = JSON.parse(new TextDecoder().decode(bytes)) as {
        changes: { seq: number; id: string }[];
      };
      wire.pulled.push({
        since: Number(new URL(url).searchParams.get('since')),
        seqs: json.changes.map((c) => c.seq),
        ids: json.changes.map((c) => c.id),
      });
    }
    return { status: answer.status, arrayBuffer: async () => bytes };
  };
  return { fetch, wire };
}

/** One counted sync of `device`, straight through the command (as `casebook sync` runs it). */
async function countedSync(device: Device) {
  const { fetch, wire } = counting();
  const out = device.next();
  const lines = { out: [] as string[], err: [] as string[] };
  const code = await syncCommand(
    { casebook: device.file, server: SERVER, out, fetch },
    { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) },
  );
  const wrote = await exists(out);
  if (wrote) device.file = out;
  const changes = wire.pulled.flatMap((p) => p.seqs);
  return { code, out: lines.out.join('\n'), err: lines.err.join('\n'), wire, changes, wrote };
}

const stateOf = async (file: string) => JSON.parse(await readFile(`${file}.sync.json`, 'utf8'));
const FULL = /checked again/;

describe('casebook sync pulls from where the last one left off', () => {
  it('a sync with nothing new is one request with only the anchor; without a cursor, everything', async () => {
    const { a } = await twoDevices('quiet-');
    await a.sync(); // takes in the laptop's link entry
    const quiet = await countedSync(a);
    expect(quiet.err).toBe('');
    expect(quiet.code).toBe(0);
    expect(quiet.out).toMatch(
      /^Sent 0 changes, received 0; history confirmed by the server up to \d/,
    );
    expect(quiet.out).not.toMatch(FULL);
    expect(quiet.wire.requests).toHaveLength(1);
    expect(quiet.wire.requests[0]).toMatch(/^GET \/v1\/changes\?since=\d+$/);
    const { cursor } = await stateOf(a.file);
    expect(quiet.changes).toEqual([cursor.seq]);

    // Control: the same casebook with a v1 state (no cursor) pulls every change and asks for
    // the checkpoints again; afterwards it is quiet once more.
    const state = await stateOf(a.file);
    delete state.cursor;
    state.v = 1;
    await writeFile(`${a.file}.sync.json`, JSON.stringify(state));
    const full = await countedSync(a);
    expect(full.code, full.err).toBe(0);
    expect(full.wire.pulled[0]?.since).toBe(0);
    expect(full.changes).toEqual(Array.from({ length: cursor.seq }, (_, i) => i + 1));
    expect(full.wire.requests.length).toBeGreaterThan(1);
    expect((await countedSync(a)).wire.requests).toHaveLength(1);
  });

  it('a new change on one device reaches the other alone, not with everything before it', async () => {
    const { a, b } = await twoDevices('new-');
    await a.sync();
    await b.sync();
    const before = (await stateOf(b.file)).cursor.seq;
    await edit(a.file, (v) => v.put('incident', 'bus-stop', { whatHappened: 'at the stop' }));
    expect((await a.sync()).out).toMatch(/^Sent 1 change, received 0;/);
    const takes = await countedSync(b);
    expect(takes.code, takes.err).toBe(0);
    expect(takes.out).toMatch(/^Sent 0 changes, received 1;/);
    expect(takes.wrote).toBe(true);
    // The anchor and the one new change, nothing older; the control is the server's own count.
    expect(takes.wire.pulled[0]?.since).toBe(before - 1);
    expect(takes.changes).toEqual([before, before + 1]);
    expect(await (await open(b.file)).get('incident', 'bus-stop')).toMatchObject({ rev: 1 });
    expect((await stateOf(b.file)).cursor.seq).toBe(before + 1);
  });

  it('a change held back (its file damaged on the server) is pulled again, the cursor below it', async () => {
    const { a, b } = await twoDevices('held-');
    await a.sync();
    await b.sync();
    let blobId = '';
    await edit(b.file, async (v) => {
      blobId = (await v.addFile([new Uint8Array(1000).fill(7)])).blobId;
      await v.put('incident', 'after-file', { whatHappened: 'written after the file' });
    });
    const sent = await b.sync();
    expect(sent.out).toMatch(/^Sent 2 changes, received 0;/);
    expect(sent.out).toMatch(/File parts sent: 1;/);
    // The file's one chunk on the server is damaged (a byte flipped in the blob directory).
    const { space } = await stateOf(b.file);
    const chunkDir = join(dir, 'server-data', 'chunks', space);
    const laptop = await open(b.file);
    const [chunk] = await vaultSync.chunkIds(laptop.internals.keys.ck, blobId, 1);
    await laptop.lock();
    expect(await readdir(chunkDir)).toContain(chunk);
    const bytes = await readFile(join(chunkDir, chunk as string));
    bytes[100] = (bytes[100] ?? 0) ^ 1;
    await writeFile(join(chunkDir, chunk as string), bytes);
    const first = await countedSync(a);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/part 1 of 1 is damaged on the server/);
    expect(first.out).toMatch(/2 changes from another device wait on the server/);
    const heldIds = first.wire.pulled.flatMap((p) => p.ids).slice(-2);
    const again = await countedSync(a);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/2 changes from another device wait on the server/);
    // Both waiting changes come back; the cursor never passed the first of them.
    const ids = again.wire.pulled.flatMap((p) => p.ids);
    for (const id of heldIds) expect(ids).toContain(id);
    const { cursor } = await stateOf(a.file);
    expect(cursor.seq).toBeLessThan(first.changes.at(-1) ?? 0);
    const phone = await open(a.file);
    expect(await phone.get('incident', 'after-file')).toBeUndefined();
    // Nothing half-taken: none of the file's chunks, committed or not, stays on the phone.
    expect(await phone.internals.store.countChunks(blobId)).toBe(0);
    expect((await phone.verify()).problems).toEqual([]);
    await phone.lock();
  });

  it('an older copy of the casebook, or a cursor the server does not hold, pulls everything', async () => {
    const { a } = await twoDevices('stale-');
    await a.sync();
    // A cursor ahead of the server (as after the server was restored from a backup).
    const good = await stateOf(a.file);
    await writeFile(
      `${a.file}.sync.json`,
      JSON.stringify({ ...good, cursor: { ...good.cursor, seq: good.cursor.seq + 50 } }),
    );
    const ahead = await countedSync(a);
    expect(ahead.code, ahead.err).toBe(0);
    expect(ahead.out).toMatch(/server does not hold what it held at the last sync/);
    expect(ahead.wire.pulled.map((p) => p.since)).toEqual([good.cursor.seq + 49, 0]);
    // The right number under another change id: the same.
    const fixed = await stateOf(a.file);
    expect(fixed.cursor.seq).toBe(good.cursor.seq);
    await writeFile(
      `${a.file}.sync.json`,
      JSON.stringify({ ...fixed, cursor: { ...fixed.cursor, id: 'AAAAAAAAAAAAAAAAAAAAAA' } }),
    );
    const other = await countedSync(a);
    expect(other.out).toMatch(/server does not hold what it held at the last sync/);
    expect(other.wire.pulled.at(-1)?.since).toBe(0);
    // Control: with its own cursor back, it is one quiet request.
    const control = await countedSync(a);
    expect(control.out).not.toMatch(FULL);
    expect(control.wire.requests).toHaveLength(1);

    // An older copy of the file beside the newer state: everything is pulled, and the server's
    // longer history of this device is found, not skipped.
    const older = join(dir, 'stale-older.casebook');
    await copyFile(a.file, older);
    await edit(a.file, (v) => v.put('incident', 'later', { whatHappened: 'after the copy' }));
    expect((await a.sync()).out).toMatch(/^Sent 1 change, received 0;/);
    await copyFile(`${a.file}.sync.json`, `${older}.sync.json`);
    const restored = await countedSync(new Device('stale-older', older));
    expect(restored.out).toMatch(/not the copy the last sync left/);
    expect(restored.wire.pulled[0]?.since).toBe(0);
    expect(restored.code).not.toBe(0);
    expect(restored.err).toMatch(/server has seen a longer history than this casebook holds/);
  });
});
