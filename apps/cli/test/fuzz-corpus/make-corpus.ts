/**
 * Makes the fuzz seed corpus's current-version files: `npx tsx apps/cli/test/fuzz-corpus/make-corpus.ts`.
 * The version 1 seeds (records-only.casebook, with-files.casebook) were made by this script
 * under v1 and are kept as they are; this writes the `-v2` seeds and their corpus.json entries.
 * Small casebooks with the KDF at the floor, so each opens in milliseconds. corpus.json lists
 * each seed's passphrase and its history (one log entry per revision, newest last), which the
 * "cut history" mutation needs: the log bodies are encrypted, so the fuzz cannot read them.
 * Re-running it writes new files (new keys); commit them and corpus.json together.
 */
import { readFile, writeFile } from 'node:fs/promises';
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
  await save('records-only-v2.casebook', store);
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
  await save('with-files-v2.casebook', store);
  return history;
}

type Seed = { file: string; passphrase: string; history: Rev[] };
const previous: { seeds: Seed[] } = JSON.parse(
  await readFile(new URL('corpus.json', here), 'utf8'),
);
const made: Seed[] = [
  { file: 'records-only-v2.casebook', passphrase: PASSPHRASE, history: await recordsOnly() },
  { file: 'with-files-v2.casebook', passphrase: PASSPHRASE, history: await withFiles() },
];
const corpus = {
  seeds: [...previous.seeds.filter((s) => !made.some((m) => m.file === s.file)), ...made],
};
await writeFile(new URL('corpus.json', here), `${JSON.stringify(corpus, null, 2)}\n`);
