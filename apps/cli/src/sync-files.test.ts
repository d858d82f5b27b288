/**
 * Evidence files through the real server: a photo taken in with `casebook add` and a 100 MiB
 * file on one device reach the other whole (`casebook verify` passes there, the bytes read out
 * are the original's); an upload cut off after a few chunks resumes on the next sync sending
 * only what the server lacks (counted at the wire); a retried sync takes nothing twice.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FetchLike } from '@casebook/sync';
import { sync as vaultSync } from '@casebook/vault';
import { describe, expect, it } from 'vitest';
import { nodeFetch } from './sync/node-fetch';
import { syncCommand } from './sync/sync-command';
import {
  type Device,
  dir,
  edit,
  open,
  run,
  SERVER,
  twoDevices,
  useSyncServer,
} from './testing/sync-harness';

useSyncServer('casebook-files-');

const MiB = 1024 * 1024;

/**
 * Counts chunk PUTs; after `dropAfter` of them have started, every later one fails as a dropped
 * link (counted as they start: a few are in flight at once).
 */
function chunkCounter(dropAfter = Number.POSITIVE_INFINITY) {
  const seen = { puts: 0, gets: 0, dropped: 0, started: 0 };
  const fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    const isPut = init.method === 'PUT' && path.startsWith('/v1/chunks/');
    if (isPut && seen.started >= dropAfter) {
      seen.dropped += 1;
      throw new TypeError('fetch failed: the connection was dropped');
    }
    if (isPut) seen.started += 1;
    const answer = await nodeFetch(url, init);
    if (isPut && answer.status < 300) seen.puts += 1;
    if (init.method === 'GET' && path.startsWith('/v1/chunks/')) seen.gets += 1;
    return answer;
  };
  return { fetch, seen };
}

async function countedSync(device: Device, fetch: FetchLike) {
  const out = device.next();
  const lines = { out: [] as string[], err: [] as string[] };
  const code = await syncCommand(
    { casebook: device.file, server: SERVER, out, fetch },
    { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) },
  );
  const result = { code, out: lines.out.join('\n'), err: lines.err.join('\n') };
  if (code === 0 && result.out.includes(`Wrote ${out}`)) device.file = out;
  return result;
}

async function blobsOf(file: string): Promise<string[]> {
  const vault = await open(file);
  const ids = (await vault.internals.store.listBlobs()).sort();
  await vault.lock();
  return ids;
}

async function digestOf(source: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const part of source) hash.update(part);
  return hash.digest('hex');
}

describe('casebook sync carries evidence files', () => {
  it('a photo and a 100 MiB file reach the other device whole; verify passes there', async () => {
    const { a, b } = await twoDevices('files-');
    await a.sync();
    await b.sync();
    const before = await blobsOf(a.file);
    const photo = join(dir, 'bus-stop.jpg');
    const photoBytes = randomBytes(300_000);
    await writeFile(photo, photoBytes);
    const withPhoto = a.next();
    const added = await run('add', a.file, photo, '--initials', 'AB', '--out', withPhoto);
    expect(added.code, added.err).toBe(0);
    // `add` writes a new file; its sync state goes with it, as the person would move it.
    await copyFile(`${a.file}.sync.json`, `${withPhoto}.sync.json`);
    a.file = withPhoto;
    const big = randomBytes(100 * MiB);
    const bigDigest = createHash('sha256').update(big).digest('hex');
    await edit(a.file, (v) =>
      v.addFile(
        (async function* () {
          for (let at = 0; at < big.length; at += 4 * MiB) yield big.subarray(at, at + 4 * MiB);
        })(),
      ),
    );
    const up = chunkCounter();
    const sent = await countedSync(a, up.fetch);
    expect(sent.code, sent.err).toBe(0);
    // 100 chunks of 1 MiB (and the padding's last) plus the photo's one: all of them, once.
    expect(up.seen.puts).toBeGreaterThanOrEqual(101);
    expect(sent.out).toMatch(new RegExp(`File parts sent: ${up.seen.puts};`));

    const down = chunkCounter();
    const took = await countedSync(b, down.fetch);
    expect(took.code, took.err).toBe(0);
    expect(took.out).toMatch(/files received whole and checked: 2\./);
    expect(down.seen.gets).toBe(up.seen.puts);
    const verified = await run('verify', b.file);
    expect(verified.code, verified.out + verified.err).toBe(0);

    const blobs = (await blobsOf(a.file)).filter((id) => !before.includes(id));
    expect(blobs).toHaveLength(2);
    expect((await blobsOf(b.file)).filter((id) => !before.includes(id))).toEqual(blobs);
    const laptop = await open(b.file);
    const digests = await Promise.all(blobs.map((id) => digestOf(laptop.readFile(id))));
    const photoDigest = createHash('sha256').update(photoBytes).digest('hex');
    expect(digests.sort()).toEqual([bigDigest, photoDigest].sort());
    await laptop.lock();

    // Pulled again: nothing is fetched or taken twice.
    const again = chunkCounter();
    const retried = await countedSync(b, again.fetch);
    expect(retried.code, retried.err).toBe(0);
    expect(retried.out).toMatch(/^Sent 0 changes, received 0;/);
    expect(again.seen.gets).toBe(0);
  }, 240_000);

  it('an upload cut off after a few chunks resumes sending only what the server lacks', async () => {
    const { a, b } = await twoDevices('resume-');
    await a.sync();
    await b.sync();
    const before = await blobsOf(a.file);
    const bytes = randomBytes(12 * MiB + 5);
    await edit(a.file, (v) => v.addFile([bytes]));
    const cut = chunkCounter(5);
    const failed = await countedSync(a, cut.fetch);
    expect(failed.code).not.toBe(0);
    expect(cut.seen.puts).toBe(5);
    expect(cut.seen.dropped).toBeGreaterThan(0);
    // The laptop finds nothing of it yet: the entry was not pushed after the failed upload.
    const early = await countedSync(b, chunkCounter().fetch);
    expect(early.out).toMatch(/^Sent 0 changes, received 0;/);

    const rest = chunkCounter();
    const resumed = await countedSync(a, rest.fetch);
    expect(resumed.code, resumed.err).toBe(0);
    const [added] = (await blobsOf(a.file)).filter((id) => !before.includes(id));
    const phone = await open(a.file);
    const count = await phone.internals.store.countChunks(added as string);
    await phone.lock();
    expect(count).toBeGreaterThan(5);
    // Control: together the two runs sent each chunk exactly once.
    expect(rest.seen.puts).toBe(count - 5);

    const down = chunkCounter();
    const took = await countedSync(b, down.fetch);
    expect(took.code, took.err).toBe(0);
    expect(took.out).toMatch(/files received whole and checked: 1\./);
    const laptop = await open(b.file);
    expect(await digestOf(laptop.readFile(added as string))).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
    await laptop.lock();
    expect((await run('verify', b.file)).code).toBe(0);
  }, 120_000);

  it('a chunk damaged on the server after its upload is sent again, and the other takes the file', async () => {
    const { a, b } = await twoDevices('lost-');
    await a.sync();
    await b.sync();
    const bytes = randomBytes(3 * MiB);
    let added = '';
    await edit(a.file, async (v) => {
      added = (await v.addFile([bytes])).blobId;
    });
    const up = await countedSync(a, chunkCounter().fetch);
    expect(up.code, up.err).toBe(0);
    // The file's second chunk is damaged on the server (a byte flipped in the blob directory).
    const { space } = JSON.parse(await readFile(`${a.file}.sync.json`, 'utf8'));
    const phone = await open(a.file);
    const count = await phone.internals.store.countChunks(added);
    const ids = await vaultSync.chunkIds(phone.internals.keys.ck, added, count);
    await phone.lock();
    const path = join(dir, 'server-data', 'chunks', space, ids[1] as string);
    const stored = await readFile(path);
    stored[200] = (stored[200] ?? 0) ^ 1;
    await writeFile(path, stored);
    // The laptop cannot take the file in (the server notices, and stops listing the chunk).
    const stuck = await countedSync(b, chunkCounter().fetch);
    expect(stuck.code, stuck.err).toBe(0);
    expect(stuck.out).toMatch(new RegExp(`part 2 of ${count} is damaged on the server`));
    // The laptop writes something; the phone's next sync takes it in and offers its files' chunks
    // again: the one the server lost goes up, nothing else.
    await edit(b.file, (v) => v.put('incident', 'later', { whatHappened: 'written later' }));
    const wrote = await countedSync(b, chunkCounter().fetch);
    expect(wrote.code, wrote.err).toBe(0);
    const healer = chunkCounter();
    const healed = await countedSync(a, healer.fetch);
    expect(healed.code, healed.err).toBe(0);
    expect(healer.seen.puts).toBe(1);
    expect(healed.out).toMatch(/File parts sent: 1;/);
    // And the laptop now takes the file in whole.
    const down = await countedSync(b, chunkCounter().fetch);
    expect(down.code, down.err).toBe(0);
    expect(down.out).toMatch(/files received whole and checked: 1\./);
    const laptop = await open(b.file);
    expect(await digestOf(laptop.readFile(added))).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
    await laptop.lock();
    expect((await run('verify', b.file)).code).toBe(0);
  }, 120_000);

  it('a file added and then purged on one device, pulled together, leaves the other syncing', async () => {
    const { a, b } = await twoDevices('purged-');
    await a.sync();
    await b.sync();
    const before = await blobsOf(a.file);
    const bytes = randomBytes(3 * MiB);
    let added = '';
    await edit(a.file, async (v) => {
      const made = await v.addFile(
        (async function* () {
          yield bytes;
        })(),
      );
      added = made.blobId;
    });
    const up = await countedSync(a, chunkCounter().fetch);
    expect(up.code, up.err).toBe(0);
    // Purged on the phone (the wrong photo, say) before the laptop ever synced.
    await edit(a.file, (v) => v.purgeFile(added, 'added by mistake'));
    const again = await countedSync(a, chunkCounter().fetch);
    expect(again.code, again.err).toBe(0);
    expect(await blobsOf(a.file)).toEqual(before);

    const first = await countedSync(b, chunkCounter().fetch);
    expect(first.code, first.err).toBe(0);
    expect(await blobsOf(b.file)).toEqual(before);
    const laptop = await open(b.file);
    expect(await laptop.internals.store.countChunks(added)).toBe(0);
    await laptop.lock();
    // And the next sync goes on as usual: nothing left waiting, nothing taken twice.
    const next = await countedSync(b, chunkCounter().fetch);
    expect(next.code, next.err).toBe(0);
    expect(next.out).toMatch(/^Sent 0 changes, received 0;/);
    expect((await run('verify', b.file)).code).toBe(0);
  }, 120_000);
});
