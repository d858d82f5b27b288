import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBackup } from '@casebook/vault';
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSha256 } from './commands/verify';
import type { Output } from './io';
import { main } from './main';
import { openVaultCopy } from './open-vault';
import { writeNewFile } from './write-new-file';

const PASS = 'a demo passphrase for tests';
const fixture = (path: string) =>
  new URL(`../../../packages/importers/test/${path}`, import.meta.url).pathname;
const PHOTO = new URL('../../../fixtures/images/IMG_20180725_163423-tiny.jpg', import.meta.url)
  .pathname;

async function run(...argv: string[]) {
  const lines = { out: [] as string[], err: [] as string[] };
  const output: Output = { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) };
  const code = await main(argv, output);
  return { code, out: lines.out.join('\n'), err: lines.err.join('\n') };
}

let dir = '';
let casebook = '';
let zip = '';
const chat = fixture('whatsapp/android-en-gb-24h.txt');

beforeAll(async () => {
  process.env.CASEBOOK_PASSPHRASE = PASS;
  dir = await mkdtemp(join(tmpdir(), 'casebook-import-'));
  casebook = join(dir, 'demo.casebook');
  const made = await run('demo', casebook, '--incidents', '4', '--weeks', '1');
  expect(made.code, made.err).toBe(0);
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  await writer.add(
    'WhatsApp Chat with Sam Carter.txt',
    new TextReader(await readFile(chat, 'utf8')),
  );
  await writer.add('IMG-20240312-WA0001.jpg', new Uint8ArrayReader(await readFile(PHOTO)));
  zip = join(dir, 'WhatsApp Chat with Sam Carter.zip');
  await writeFile(zip, await writer.close());
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('casebook import', () => {
  it('keeps a WhatsApp zip as an exhibit and every message, once; a longer export adds only the new', async () => {
    const first = join(dir, 'first.casebook');
    const a = await run('import', casebook, zip, '--from', 'Sam Carter', '--out', first);
    expect(a.code, a.err).toBe(0);
    expect(a.out).toMatch(
      /^[A-Z]+\/\d+ {2}WhatsApp Chat with Sam Carter\.zip: WhatsApp chat with 2 people, 11 messages, 12 Mar – 14 Mar 2024, 1 photo\. Added 11 messages and \d+ calls?\.$/m,
    );
    expect((await run('verify', first)).code).toBe(0);
    const info = await run('info', first);
    expect(info.out).toMatch(/Imported messages: 11\b/);

    // The same export again: nothing added, no file written.
    const again = join(dir, 'again.casebook');
    const b = await run('import', first, zip, '--from', 'Sam Carter', '--out', again);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toMatch(/already in the casebook; nothing added/);
    await expect(readFile(again)).rejects.toThrow();

    // A longer export of the same chat (two more lines): only those two are added.
    const longer = join(dir, 'longer.txt');
    await writeFile(
      longer,
      `${await readFile(chat, 'utf8')}20/03/2024, 08:00 - Sam Carter: still here\n20/03/2024, 08:01 - Sam Carter: answer me\n`,
    );
    const third = join(dir, 'third.casebook');
    const c = await run('import', first, longer, '--from', 'Sam Carter', '--out', third);
    expect(c.code, c.err).toBe(0);
    expect(c.out).toMatch(/Added 2 messages and 0 calls \(\d+ already there\)/);
    expect((await run('verify', third)).code).toBe(0);
    expect((await run('info', third)).out).toMatch(/Imported messages: 13\b/);
  }, 120_000);

  it('never adds back a message the person deleted, when the same export is imported again', async () => {
    const first = join(dir, 'to-delete.casebook');
    const a = await run('import', casebook, zip, '--from', 'Sam Carter', '--out', first);
    expect(a.code, a.err).toBe(0);
    // Delete one imported message, as the app would, and write the result as a new casebook.
    const quiet: Output = { out: () => undefined, err: () => undefined };
    const opened = await openVaultCopy(first, join(dir, 'to-delete.spool'), quiet, {
      refusal: 'x',
      verb: 'x',
      nothing: 'x',
    });
    if (typeof opened === 'number') throw new Error('could not open the casebook');
    const deleted = join(dir, 'deleted.casebook');
    try {
      const [message] = await opened.vault.list('imported-message');
      if (!message) throw new Error('no message imported');
      await opened.vault.remove('imported-message', message.id, 'not about the case');
      const written = await writeNewFile(
        deleted,
        writeBackup(opened.store, { hasher: nodeSha256 }),
      );
      expect(written.ok).toBe(true);
    } finally {
      await opened.close();
    }
    expect((await run('info', deleted)).out).toMatch(/Imported messages: 10\b/);
    const again = join(dir, 'deleted-again.casebook');
    const b = await run('import', deleted, zip, '--from', 'Sam Carter', '--out', again);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toMatch(/already in the casebook; nothing added/);
    await expect(readFile(again)).rejects.toThrow();
  }, 120_000);

  it('lists each message in the JSON export, with its exhibit, and redacts words in a disclosure copy', async () => {
    const out = join(dir, 'for-json.casebook');
    const a = await run('import', casebook, zip, '--from', 'Sam Carter', '--out', out);
    expect(a.code, a.err).toBe(0);
    const ref = /^([A-Z]+\/\d+) /.exec(a.out)?.[1];
    const police = join(dir, 'police.json');
    expect((await run('export', out, '--json', police)).code).toBe(0);
    const account = JSON.parse(await readFile(police, 'utf8'));
    expect(account.messages).toHaveLength(11);
    const station = account.messages.find((m: { text: string }) => m.text.includes('station'));
    expect(station).toMatchObject({
      time: { local: '2024-03-12T21:06:00+00:00', utc: '2024-03-12T21:06:00.000Z' },
      timeKnown: 'wall-clock',
      sender: 'Sam Carter',
      channel: 'whatsapp',
      from: 'responsible',
      exhibit: ref,
      source: { entry: 'WhatsApp Chat with Sam Carter.txt' },
    });
    // The export file is in the exhibit schedule.
    expect(account.exhibits.map((e: { ref: string }) => e.ref)).toContain(ref);
    const disclosure = join(dir, 'disclosure.json');
    const d = await run('export', out, '--json', disclosure, '--redact-word', 'station');
    expect(d.code, d.err).toBe(0);
    const text = await readFile(disclosure, 'utf8');
    // Positive control above: the police copy has the word; the redacted copy nowhere.
    expect(JSON.stringify(account)).toMatch(/station/);
    expect(text).not.toMatch(/station/i);

    // The PDF report lists them too, each with its exhibit and line in the export.
    const pdf = join(dir, 'report.pdf');
    const r = await run('report', out, '--out', pdf);
    expect(r.code, r.err).toBe(0);
    const shown = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(shown).toMatch(/Messages/);
    expect(shown).toMatch(/March 2024: 11 messages/);
    expect(shown).toMatch(/I saw you at the station/);
    expect(shown).toMatch(new RegExp(`${ref?.replace('/', '\\/')}`));
    // A multi-line message names its first and last line in the export.
    expect(shown).toMatch(/lines\s+3–6/);
    // The police copy names the zip entry (control, above and here); a copy redacting the
    // name has it nowhere: not the sender, not the entry, not the exhibit's file name.
    expect(shown).toMatch(/WhatsApp Chat with Sam/);
    const named = join(dir, 'named.json');
    const n = await run('export', out, '--json', named, '--redact-word', 'Sam Carter');
    expect(n.code, n.err).toBe(0);
    const namedText = await readFile(named, 'utf8');
    expect(namedText).not.toMatch(/Sam Carter/i);
    expect(namedText).toMatch(/I saw you at the station/);
    const namedPdf = join(dir, 'named.pdf');
    const np = await run('report', out, '--out', namedPdf, '--redact-word', 'Sam Carter');
    expect(np.code, np.err).toBe(0);
    const namedShown = execFileSync('pdftotext', ['-raw', namedPdf, '-'], { encoding: 'utf8' });
    expect(namedShown.replace(/\s+/g, ' ')).not.toMatch(/Sam Carter/i);
    expect(namedShown).toMatch(/I saw you at the station/);
  }, 180_000);

  it('reads an SMS backup and a call log; calls join the call log', async () => {
    const out = join(dir, 'sms.casebook');
    const r = await run(
      'import',
      casebook,
      fixture('sms/sms-20240401091244.xml'),
      fixture('sms/calls-20240401091244.xml'),
      '--out',
      out,
    );
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(
      /^[A-Z]+\/\d+ {2}sms-20240401091244\.xml: Text message backup with 3 people, 5 messages, 1 Apr 2024\. Added 5 messages and 0 calls\.$/,
    );
    expect(lines[1]).toMatch(
      /calls-20240401091244\.xml: Call log with 3 people, 8 calls, 1 Apr 2024\. Added 0 messages and 8 calls\.$/,
    );
    expect((await run('info', out)).out).toMatch(/Imported calls: 8\b/);
    // In the account's call log, beside the demo's own calls, with their outcome and exhibit.
    const json = join(dir, 'calls.json');
    expect((await run('export', out, '--json', json)).code).toBe(0);
    const account = JSON.parse(await readFile(json, 'utf8'));
    const imported = account.calls.filter((c: { exhibit?: string }) => c.exhibit !== undefined);
    // No --from: the account lists only calls with the person responsible (by the number or
    // name on the demo's person record) and counts the rest in notListed (report CONTEXT.md).
    expect(imported.length + account.notListed.calls).toBe(8);
    expect(account.counts.calls).toBe(account.calls.length);
    const times = account.calls.map((c: { time: { utc: string } }) => c.time.utc);
    expect(times).toEqual([...times].sort());
  }, 120_000);

  it('refuses bad input plainly and writes nothing', async () => {
    const notes = join(dir, 'notes.txt');
    await writeFile(notes, 'shopping: milk, bread\nremember the dentist\n');
    const truncated = join(dir, 'cut.zip');
    const bytes = await readFile(zip);
    await writeFile(truncated, bytes.subarray(0, bytes.length - 60));
    const cases: [string[], RegExp][] = [
      [[notes], /does not look like an exported chat/],
      [[truncated], /Nothing was imported/],
      [[fixture('whatsapp/unknown-layout.txt')], /Nothing was imported/],
      [[fixture('whatsapp/ambiguous-date-order.txt')], /--date-order day-first/],
      [[zip, '--zone', 'Mars/Olympus'], /not a time zone/],
      [
        [zip, '--from', 'Nobody Here'],
        /No one in .* is written as "Nobody Here"\. The people in it are: Sam Carter, Alex Morgan/,
      ],
      [[join(dir, 'missing.zip')], /There is no file/],
    ];
    for (const [args, message] of cases) {
      const out = join(dir, 'refused.casebook');
      const r = await run('import', casebook, ...args, '--out', out);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      await expect(readFile(out)).rejects.toThrow();
      await expect(readFile(`${out}.spool`)).rejects.toThrow();
    }
    // Positive control: the ambiguous chat imports once the order is given.
    const told = join(dir, 'told.casebook');
    const ok = await run(
      'import',
      casebook,
      fixture('whatsapp/ambiguous-date-order.txt'),
      '--date-order',
      'day-first',
      '--out',
      told,
    );
    expect(ok.code, ok.err).toBe(0);
  }, 120_000);
});
