import {
  blob,
  getManifest,
  KDF_FLOOR,
  type RecordState,
  Vault,
  type VaultStore,
} from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { describe, expect, it } from 'vitest';
import type { LongCallContext } from './evidence-ops';
import { importMessages, proposeImport, readImportFile } from './import-ops';
import type { ImportChoices } from './import-types';

const PASS = 'correct horse battery staple';

/** A record's body (these tests never delete). */
const bodyOf = (s: RecordState): unknown => (s.deleted ? undefined : s.body);

/** An Android WhatsApp export (day-first: the 14th says so), Sam and Alex, in two bursts. */
const LINES = [
  '14/06/2026, 23:10 - Sam: Answer me',
  '14/06/2026, 23:12 - Alex: Please stop',
  '14/06/2026, 23:40 - Sam: I saw you at the station',
  '15/06/2026, 09:00 - Sam: Morning',
  '15/06/2026, 09:05 - Sam: Why are you ignoring me',
];
const chat = (lines: readonly string[]) => new Blob([`${lines.join('\n')}\n`]);

async function newVault() {
  const store = createMemoryStore();
  const { vault } = await Vault.create(store, PASS, { kdf: KDF_FLOOR });
  return { vault, store };
}

function context(onProgress: () => void = () => undefined): LongCallContext {
  return { signal: new AbortController().signal, progress: onProgress };
}

async function read(vault: Vault, file: Blob, name: string, zone = 'Europe/London') {
  const found = await readImportFile(vault, file, name, 0, { zone }, context());
  if (!found.ok) throw new Error(found.message);
  return found;
}

async function messagesIn(vault: Vault) {
  return (await vault.list('imported-message')).map(
    (s) =>
      bodyOf(s) as {
        exhibit: { evidenceId: string };
        message: { key: string; time: { instant: string } };
      },
  );
}

/** Every burst proposed, confirmed as it is. */
async function allProposed(vault: Vault, fileIds: string[], zone = 'Europe/London') {
  const proposal = await proposeImport(vault, fileIds, { from: ['Sam'], zone });
  return proposal.incidents.map((p) => [...p.keys]);
}

const choices = (incidents: string[][], zone = 'Europe/London'): ImportChoices => ({
  zone,
  from: ['Sam'],
  initials: 'AB',
  incidents,
});

describe('importMessages', () => {
  it('keeps the export file in 512 KiB chunks, as evidence intake does (the vault default is 1 MiB)', async () => {
    const { vault } = await newVault();
    const found = await read(vault, chat(LINES), 'WhatsApp Chat with Sam.txt');
    const groups = await allProposed(vault, [found.fileId]);
    const done = await importMessages(vault, [found.fileId], choices(groups), context());
    expect(done).toMatchObject({ ok: true });
    const [evidence] = await vault.list('evidence');
    const manifest = await getManifest(
      vault,
      (bodyOf(evidence as RecordState) as { blobId: string }).blobId,
    );
    if (!manifest) throw new Error('no manifest');
    const header = blob.parseBlobHeader(new Uint8Array(Buffer.from(manifest.header, 'base64')));
    if (!header.ok) throw new Error(header.reason);
    expect(header.header.chunkSize).toBe(512 * 1024);
    expect(manifest.chunkSize).toBe(512 * 1024);
  });

  it('a second call for the same files while one runs is refused, and nothing is added twice', async () => {
    const { vault } = await newVault();
    const found = await read(vault, chat(LINES), 'WhatsApp Chat with Sam.txt');
    const groups = await allProposed(vault, [found.fileId]);
    const first = importMessages(vault, [found.fileId], choices(groups), context());
    const second = importMessages(vault, [found.fileId], choices(groups), context());
    const [a, b] = await Promise.all([first, second]);
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, reason: 'busy' });
    expect(await messagesIn(vault)).toHaveLength(LINES.length);
    expect(await vault.list('incident')).toHaveLength(2);
    expect(await vault.list('evidence')).toHaveLength(1);
  });

  it('a failed import leaves its files ready to try again (no longer busy)', async () => {
    const { vault } = await newVault();
    const found = await read(vault, chat(LINES), 'chat.txt');
    const bad = await importMessages(
      vault,
      [found.fileId],
      { ...choices([]), initials: '1' },
      context(),
    );
    expect(bad).toMatchObject({ ok: false, reason: 'initials' });
    const again = await importMessages(vault, [found.fileId], choices([]), context());
    expect(again).toMatchObject({ ok: true, messages: LINES.length });
  });

  it('a lock mid-import leaves no stored file, no record and nothing in the log after unlock', async () => {
    const base = createMemoryStore();
    let vault: Vault | undefined;
    let locking: Promise<void> | undefined;
    // The lock (or the tab closing) lands at the import's commit: the keys are gone before the
    // records are written, so nothing can be tidied up with them afterwards.
    const store: VaultStore = {
      ...base,
      commit: async (batch) => {
        if (vault && batch.envelopes.length > 3) {
          locking = vault.lock();
          throw new Error('The tab was closed.');
        }
        return base.commit(batch);
      },
    };
    vault = (await Vault.create(store, PASS, { kdf: KDF_FLOOR })).vault;
    const found = await read(vault, chat(LINES), 'chat.txt');
    const groups = await allProposed(vault, [found.fileId]);
    await expect(
      importMessages(vault, [found.fileId], choices(groups), context()),
    ).rejects.toThrow();
    await locking;
    const opened = await Vault.unlock(base, PASS, { kdf: KDF_FLOOR });
    if (!opened.ok) throw new Error(opened.message);
    expect(await base.listBlobs()).toEqual([]);
    expect(await opened.value.list('evidence')).toEqual([]);
    expect(await opened.value.list('imported-message')).toEqual([]);
    const ops = (await opened.value.auditLog()).map((e) => e.op);
    expect(ops).not.toContain('add-file');
    expect((await opened.value.verify()).ok).toBe(true);
  });

  it('the same chat chosen twice counts and imports each message once, with one exhibit', async () => {
    const { vault } = await newVault();
    const a = await read(vault, chat(LINES), 'WhatsApp Chat with Sam.txt');
    const b = await read(vault, chat(LINES), 'WhatsApp Chat with Sam (1).txt');
    const proposal = await proposeImport(vault, [a.fileId, b.fileId], {
      from: ['Sam'],
      zone: 'Europe/London',
    });
    expect(proposal.incidents.map((p) => p.keys.length)).toEqual([2, 2]);
    expect(proposal.incidents[0]?.summary).toMatch(/^2 messages/);
    const groups = proposal.incidents.map((p) => [...p.keys]);
    const done = await importMessages(vault, [a.fileId, b.fileId], choices(groups), context());
    expect(done).toMatchObject({ ok: true, messages: LINES.length, alreadyThere: LINES.length });
    expect(await messagesIn(vault)).toHaveLength(LINES.length);
    const evidence = await vault.list('evidence');
    expect(evidence).toHaveLength(1);
    for (const s of await vault.list('incident')) {
      const body = bodyOf(s) as { evidence: string[]; whatHappened: string };
      expect(body.evidence).toEqual([evidence[0]?.id]);
      expect(body.whatHappened).toMatch(/imported from AB\/1\.$/);
    }
  });

  it('an older and a newer export: each incident points at the exhibits its messages came from', async () => {
    const { vault } = await newVault();
    const older = await read(vault, chat(LINES.slice(0, 4)), 'older.txt');
    const newer = await read(vault, chat(LINES), 'newer.txt');
    const ids = [older.fileId, newer.fileId];
    // One incident of everything Sam sent.
    const all = (await allProposed(vault, ids)).flat();
    const done = await importMessages(vault, ids, choices([all]), context());
    if (!done.ok) throw new Error(done.message);
    const byName = new Map(
      (await vault.list('evidence')).map((s) => [
        (bodyOf(s) as { originalName: string }).originalName,
        s.id,
      ]),
    );
    const messages = await messagesIn(vault);
    expect(messages).toHaveLength(LINES.length);
    // Four from the older file, the one new message from the newer.
    expect(messages.filter((m) => m.exhibit.evidenceId === byName.get('older.txt'))).toHaveLength(
      4,
    );
    expect(messages.filter((m) => m.exhibit.evidenceId === byName.get('newer.txt'))).toHaveLength(
      1,
    );
    const [incident] = await vault.list('incident');
    const linked = (incident && (bodyOf(incident) as { evidence: string[] }))?.evidence;
    expect(new Set(linked)).toEqual(new Set([byName.get('older.txt'), byName.get('newer.txt')]));
  });

  it('a file read in one zone and imported in another is read again in the zone chosen', async () => {
    const { vault } = await newVault();
    const found = await read(vault, chat(LINES), 'chat.txt', 'UTC');
    const groups = await allProposed(vault, [found.fileId], 'Europe/London');
    const done = await importMessages(vault, [found.fileId], choices(groups), context());
    if (!done.ok) throw new Error(done.message);
    const times = (await messagesIn(vault)).map((m) => m.message.time.instant).sort();
    // 23:10 in London in June (BST) is 22:10 UTC, not 23:10.
    expect(times[0]).toBe('2026-06-14T22:10:00.000Z');
    const incident = (await vault.list('incident'))
      .map((s) => bodyOf(s) as { when: unknown })
      .find(() => true);
    expect(JSON.stringify(incident?.when)).toContain('2026-06-14');
  });
});
