import { readFile, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sync as vaultSync } from '@casebook/vault';
import { describe, expect, it } from 'vitest';
import { dir, edit, open, PORT, run, twoDevices, useSyncServer } from './testing/sync-harness';

useSyncServer('casebook-devices-');

describe('casebook sync between two devices of one casebook', () => {
  it('takes in, keeps both edits, settles one, shows a delete against an edit', async () => {
    const { a, b, phoneId, laptopId } = await twoDevices('');

    // The phone adds an incident and syncs; it takes in the laptop's first entry too.
    await edit(a.file, (v) =>
      v.put('incident', 'bus-stop', { whatHappened: 'waiting at the stop' }),
    );
    const added = await a.sync();
    expect(added.out).toMatch(/^Sent 1 change, received 1;/);
    expect(added.wrote).toBe(true);
    const laptopTakes = await b.sync();
    expect(laptopTakes.out).toMatch(/^Sent 0 changes, received 1;/);
    expect(await (await open(b.file)).get('incident', 'bus-stop')).toMatchObject({
      rev: 1,
      body: { whatHappened: 'waiting at the stop' },
    });

    // Both edit it offline, then both sync: both revisions kept and listed on both.
    await edit(a.file, (v) =>
      v.put('incident', 'bus-stop', { whatHappened: 'phone: he followed' }),
    );
    await edit(b.file, (v) =>
      v.put('incident', 'bus-stop', { whatHappened: 'laptop: he shouted' }),
    );
    const phoneFirst = await a.sync();
    expect(phoneFirst.out).toMatch(/^Sent 1 change, received 0;/);
    expect(phoneFirst.wrote).toBe(false);
    const laptopSees = await b.sync();
    expect(laptopSees.out).toMatch(/^Sent 1 change, received 1;/);
    expect(laptopSees.out).toContain(
      'Edited on two devices: incident bus-stop (revision 2). Both are kept.',
    );
    expect(laptopSees.out).toContain(`device ${phoneId.slice(0, 8)} edited it on`);
    expect(laptopSees.out).toContain('this device edited it on');
    const keeps = [
      [phoneId, `--keep=${phoneId.slice(0, 8)}`],
      [laptopId, '--keep=this'],
    ].sort(([x = ''], [y = '']) => (x < y ? -1 : 1));
    expect(laptopSees.out).toContain(
      `casebook resolve ${b.file} incident/bus-stop ${keeps.map(([, k]) => k).join(' or ')}`,
    );
    const phoneSees = await a.sync();
    expect(phoneSees.out).toContain('Edited on two devices: incident bus-stop (revision 2).');
    for (const file of [a.file, b.file]) {
      const held = await (await open(file)).internals.store.listSides();
      expect(held).toHaveLength(1);
    }

    // The laptop chooses the phone's; the phone takes the choice in.
    const chosen = b.next();
    const settled = await run(
      'resolve',
      b.file,
      'incident/bus-stop',
      `--keep=${phoneId.slice(0, 8)}`,
      '--out',
      chosen,
    );
    expect(settled.err).toBe('');
    expect(settled.out).toMatch(
      /^Kept what device [\w-]+ wrote, as revision 3 of incident bus-stop/,
    );
    b.file = chosen;
    expect((await b.sync()).out).toMatch(/^Sent 1 change, received 0;/);
    const phoneTakes = await a.sync();
    expect(phoneTakes.out).toMatch(/^Sent 0 changes, received 1;/);
    expect(phoneTakes.out).not.toContain('Edited on two devices');
    for (const file of [a.file, b.file]) {
      const vault = await open(file);
      expect(await vault.get('incident', 'bus-stop')).toMatchObject({
        rev: 3,
        body: { whatHappened: 'phone: he followed' },
      });
      expect(await vaultSync.listConflicts(vault.internals)).toEqual([]);
    }

    // A delete on the phone against an edit on the laptop: shown, neither lost.
    const [other] = (await (await open(a.file)).list('incident')).filter(
      (r) => r.id !== 'bus-stop',
    );
    if (!other) throw new Error('the demo has incidents');
    await edit(a.file, (v) => v.remove('incident', other.id, 'added twice by mistake'));
    await edit(b.file, (v) => v.put('incident', other.id, { whatHappened: 'more detail' }));
    expect((await a.sync()).wrote).toBe(false);
    const laptopDelete = await b.sync();
    expect(laptopDelete.out).toContain(
      `Deleted on one device, edited on another: incident ${other.id} (revision ${other.rev + 1}).`,
    );
    expect(laptopDelete.out).toContain('deleted it (“added twice by mistake”)');
    const phoneEdit = await a.sync();
    expect(phoneEdit.out).toContain('Deleted on one device, edited on another');

    // A retried sync takes nothing twice and writes no new file.
    const retried = await a.sync();
    expect(retried.out).toMatch(/^Sent 0 changes, received 0;/);
    expect(retried.wrote).toBe(false);
    expect((await b.sync()).wrote).toBe(false);

    for (const file of [a.file, b.file]) {
      const verified = await run('verify', file);
      expect(verified.err).toBe('');
      expect(verified.code).toBe(0);
    }
    const history = async (file: string) =>
      (await (await open(file)).internals.store.readLog()).map(
        (e) => `${e.device ?? ''} ${e.seq} ${e.h}`,
      );
    expect(await history(a.file)).toEqual(await history(b.file));
  }, 240_000);

  it('a push that fails after changes came in still leaves them in the new file, and says so', async () => {
    const { a, b } = await twoDevices('refused-');
    await edit(a.file, (v) => v.put('incident', 'park', { whatHappened: 'seen in the park' }));
    await a.sync();
    await edit(b.file, (v) => v.put('incident', 'shop', { whatHappened: 'seen at the shop' }));
    // The laptop's pushes are refused on the way (a server having a bad minute); the rest passes.
    let refused = 0;
    const proxy = createServer((req, res) => {
      const body: Buffer[] = [];
      req.on('data', (c: Buffer) => body.push(c));
      req.on('end', () => {
        if (req.url === '/v1/push') {
          refused += 1;
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'busy', message: 'The server is busy.' } }));
          return;
        }
        const forward = httpRequest(
          {
            host: '127.0.0.1',
            port: PORT,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.end(Buffer.concat(body));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const via = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const out = join(dir, 'refused-laptop-after.casebook');
    try {
      // The sync state names the real server's origin, so point that at the proxy too.
      const statePath = `${b.file}.sync.json`;
      const state = JSON.parse(await readFile(statePath, 'utf8'));
      await writeFile(statePath, JSON.stringify({ ...state, server: via }));
      const failed = await run('sync', b.file, '--server', via, '--out', out);
      expect(refused).toBeGreaterThan(0);
      expect(failed.code).not.toBe(0);
      expect(failed.err).toContain(`What your other devices sent was written to ${out} first`);
      expect(await (await open(out)).get('incident', 'park')).toMatchObject({ rev: 1 });
      expect((await run('verify', out)).code).toBe(0);
      // Control: the file given is as it was, without the phone's change.
      expect(await (await open(b.file)).get('incident', 'park')).toBeUndefined();
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  }, 120_000);
});
