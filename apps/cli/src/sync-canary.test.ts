/**
 * Nothing a person wrote reaches the server readable, through the real clients: a fresh marker
 * goes into an incident's text and place, a later edit, a delete's reason, an evidence file's
 * name and its bytes; two linked devices sync all of it both ways through the real server
 * process; then every file under the server's data directory (SQLite, its WAL and SHM, the
 * chunk store) and everything the server printed (its request log) are scanned raw, as
 * UTF-16, hex and base64: zero hits. The same scan first finds each form of the marker in a
 * file of the same directory (the positive control), and the marker is checked to have
 * travelled (the other device reads it back), so a sync that sent nothing cannot pass.
 *
 * (`apps/server/test/canary.test.ts` does the same over PostgreSQL and S3 with test clients;
 * this one runs the casebook's own sync round, so what the vault really sends is what is scanned.)
 */
import { randomBytes } from 'node:crypto';
import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dir,
  edit,
  gather,
  open,
  run,
  serverOutput,
  twoDevices,
  useSyncServer,
} from './testing/sync-harness';

useSyncServer('casebook-canary-');

const MARKER = `Canary${randomBytes(6).toString('hex')}`;

/** The marker as the scan looks for it: UTF-8, UTF-16LE, hex, and base64 at each alignment. */
const FORMS: Buffer[] = (() => {
  const out = [
    Buffer.from(MARKER, 'utf8'),
    Buffer.from(MARKER, 'utf16le'),
    Buffer.from(Buffer.from(MARKER).toString('hex')),
  ];
  for (let shift = 0; shift < 3; shift += 1) {
    const b64 = Buffer.from(`${'..'.slice(0, shift)}${MARKER}`).toString('base64');
    // Drop the characters that depend on the bytes around the marker.
    out.push(Buffer.from(b64.slice(shift === 0 ? 0 : 4, -4)));
  }
  return out;
})();

const formsIn = (bytes: Buffer): number[] =>
  FORMS.flatMap((form, index) => (bytes.includes(form) ? [index] : []));

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('the real sync round sends the server nothing it can read', () => {
  it('text, edits, a reason and a file with its name: zero hits on disk and in the log', async () => {
    const serverData = join(dir, 'server-data');
    // Positive control first: each form of the marker, in a file where the scan looks, is found.
    const control = join(serverData, 'control.bin');
    for (const [index, form] of FORMS.entries()) {
      await writeFile(control, Buffer.concat([randomBytes(100), form, randomBytes(100)]));
      expect(formsIn(await readFile(control)), `control form ${index}`).toContain(index);
    }
    await rm(control);

    const { a, b } = await twoDevices('canary-');
    await edit(a.file, async (v) => {
      await v.put('incident', 'canary-one', {
        whatHappened: `${MARKER} waited outside the flat`,
        location: { text: `${MARKER} Street` },
      });
      await v.put('incident', 'canary-two', { whatHappened: `${MARKER} added twice` });
    });
    const photo = join(dir, `${MARKER}-doorstep.jpg`);
    await writeFile(photo, Buffer.from(`${MARKER} photo bytes `.repeat(20_000)));
    const withPhoto = a.next();
    const added = await run('add', a.file, photo, '--initials', 'AB', '--out', withPhoto);
    expect(added.code, added.err).toBe(0);
    await copyFile(`${a.file}.sync.json`, `${withPhoto}.sync.json`);
    a.file = withPhoto;
    await a.sync();
    await b.sync();

    await edit(b.file, async (v) => {
      await v.put('incident', 'canary-one', { whatHappened: `${MARKER} came back at night` });
      await v.remove('incident', 'canary-two', `${MARKER} the same as the first`);
    });
    await b.sync();
    await a.sync();

    // It travelled: the phone reads the laptop's edit, the laptop reads the file's bytes.
    const phone = await open(a.file);
    expect(JSON.stringify(await phone.get('incident', 'canary-one'))).toContain(
      `${MARKER} came back at night`,
    );
    await phone.lock();
    const laptop = await open(b.file);
    const blobs = await laptop.internals.store.listBlobs();
    const contents = await Promise.all(blobs.map((id) => gather(laptop.readFile(id))));
    expect(contents.some((bytes) => formsIn(bytes).includes(0))).toBe(true);
    await laptop.lock();

    const files = await filesUnder(serverData);
    expect(
      files.some((f) => f.endsWith('.sqlite')),
      files.join('\n'),
    ).toBe(true);
    expect(files.length, 'the chunk store holds the file').toBeGreaterThan(3);
    const hits: string[] = [];
    for (const file of files) {
      if (formsIn(await readFile(file)).length > 0) hits.push(file);
    }
    const log = serverOutput();
    expect(log, 'the server logged the chunk uploads').toContain('/v1/chunks/:id');
    if (formsIn(Buffer.from(log)).length > 0) hits.push('server output');
    expect(hits).toEqual([]);
  }, 180_000);
});
