/**
 * Made the committed fuzz seed corpus once: `npx tsx apps/cli/test/fuzz-corpus/make-corpus.ts`.
 * Small casebooks with the KDF at the floor, so each opens in milliseconds. corpus.json lists
 * each seed's passphrase and its history (one log entry per revision, newest last), which the
 * "cut history" mutation needs: the log bodies are encrypted, so the fuzz cannot read them.
 * Re-running it writes new files (new keys); commit them and corpus.json together.
 */
import { writeFile } from 'node:fs/promises';
import { KDF_FLOOR, Vault, writeBackup } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';

const here = new URL('./', import.meta.url);
const PASSPHRASE = 'fuzz corpus passphrase';
type Rev = { kind: string; id: string; rev: number };

async function save(name: string, store: ReturnType<typeof createMemoryStore>) {
  const pieces: Uint8Array[] = [];
  for await (const piece of writeBackup(store)) pieces.push(piece);
  await writeFile(new URL(name, here), Buffer.concat(pieces));
}

const bytes = (text: string, times: number) =>
  (async function* () {
    yield new TextEncoder().encode(text.repeat(times));
  })();

async function recordsOnly(): Promise<Rev[]> {
  const store = createMemoryStore();
  const { vault } = await Vault.create(store, PASSPHRASE, { kdf: KDF_FLOOR });
  const history: Rev[] = [];
  const put = async (kind: string, id: string, rev: number, body: unknown) => {
    await vault.put(kind, id, body);
    history.push({ kind, id, rev });
  };
  await put('person', 'P0000000000000000000p1', 1, { names: ['Unknown man, tall'] });
  await put('incident', 'I0000000000000000000i1', 1, { whatHappened: 'Followed me home.' });
  await put('incident', 'I0000000000000000000i1', 2, { whatHappened: 'Followed me home again.' });
  await put('call', 'C0000000000000000000c1', 1, { from: 'withheld', minutes: 2 });
  await vault.remove('call', 'C0000000000000000000c1', 'Entered twice');
  history.push({ kind: 'call', id: 'C0000000000000000000c1', rev: 2 });
  vault.lock();
  await save('records-only.casebook', store);
  return history;
}

async function withFiles(): Promise<Rev[]> {
  const store = createMemoryStore();
  const { vault } = await Vault.create(store, PASSPHRASE, { kdf: KDF_FLOOR });
  const history: Rev[] = [];
  await vault.put('incident', 'I0000000000000000000i2', { whatHappened: 'Messages all night.' });
  history.push({ kind: 'incident', id: 'I0000000000000000000i2', rev: 1 });
  for (const [n, text] of [
    [1, 'screenshot '],
    [2, 'voicemail '],
  ] as const) {
    const info = await vault.addFile(bytes(text, 150), { chunkSize: 512 });
    history.push({ kind: 'blob', id: info.blobId, rev: 1 });
    const id = `E000000000000000000e${n}`.padEnd(22, 'x');
    await vault.put('evidence', id, { blobId: info.blobId, sha256: info.sha256, n });
    history.push({ kind: 'evidence', id, rev: 1 });
  }
  vault.lock();
  await save('with-files.casebook', store);
  return history;
}

const corpus = {
  seeds: [
    { file: 'records-only.casebook', passphrase: PASSPHRASE, history: await recordsOnly() },
    { file: 'with-files.casebook', passphrase: PASSPHRASE, history: await withFiles() },
    {
      file: '../../../../packages/vault/test/golden/vault-v1.casebook',
      passphrase: 'golden vector passphrase v1',
      history: [
        { kind: 'incident', id: 'AAAAAAAAAAAAAAAAAAAAAA', rev: 1 },
        { kind: 'incident', id: 'AAAAAAAAAAAAAAAAAAAAAA', rev: 2 },
        { kind: 'person', id: 'BBBBBBBBBBBBBBBBBBBBBB', rev: 1 },
        { kind: 'person', id: 'BBBBBBBBBBBBBBBBBBBBBB', rev: 2 },
        { kind: 'blob', id: 'vyN0mu6zPtTI8sPxImsCGA', rev: 1 },
      ],
    },
  ],
};
await writeFile(new URL('corpus.json', here), `${JSON.stringify(corpus, null, 2)}\n`);
