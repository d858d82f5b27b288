/**
 * Made the committed golden backup v3 once: `npx tsx packages/vault/test/golden/make-vault-golden-v3.ts`.
 * Do not re-run it to "fix" a failing golden test: it proves that files written as backup v3
 * stay readable. It is what `casebook add` writes: the golden v2 backup restored into a spool
 * that is the new file's body, a second file added, and the file finished in place (records in
 * the room kept before the chunks, the rest of that room one PAD frame of zeros).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { finishBackupInPlace, recordsLength } from '../../src/backup/finish-backup-in-place';
import { restoreBackup } from '../../src/backup/restore-backup';
import { KDF_FLOOR } from '../../src/kdf';
import { createSpoolStore } from '../../src/store/spool-store';
import { steppingClock } from '../../src/testing/test-vault';
import { Vault } from '../../src/vault';

const here = new URL('./', import.meta.url);
const v2 = JSON.parse(await readFile(new URL('vault-v2.json', here), 'utf8'));
const original = new Uint8Array(await readFile(new URL('vault-v2.casebook', here)));
const once = async function* () {
  yield original;
};
const path = fileURLToPath(new URL('vault-v3.casebook.spool', here));
await rm(path, { force: true });
const spool = await createSpoolStore(path, { backupAt: (await recordsLength(once())) + 8192 });
const restored = await restoreBackup(once(), spool, { secret: { passphrase: v2.passphrase } });
if (!restored.ok) throw new Error(restored.message);
const options = { kdf: KDF_FLOOR, clock: steppingClock(Date.UTC(2026, 11, 3, 12, 0)) };
const opened = await Vault.unlock(spool, v2.passphrase, options);
if (!opened.ok) throw new Error(opened.message);
const vault = opened.value;
const text = 'golden file v3, added in place\n';
const file = new TextEncoder().encode(text.repeat(200));
const info = await vault.addFile(
  (async function* () {
    yield file;
  })(),
  { chunkSize: 1024 },
);
await vault.put('evidence', 'BBBBBBBBBBBBBBBBBBBBBB', { note: 'points at the file added in place' });
const checkpoint = await vault.checkpoint();
const finished = await finishBackupInPlace(spool);
if (!finished.ok) throw new Error(finished.reason);
await writeFile(new URL('vault-v3.casebook', here), await readFile(path));
await spool.close();
await writeFile(
  new URL('vault-v3.json', here),
  `${JSON.stringify(
    {
      passphrase: v2.passphrase,
      files: [
        { blobId: v2.file.blobId, sha256: v2.file.sha256, size: v2.file.size },
        { blobId: info.blobId, sha256: info.sha256, size: info.size, text, repeat: 200 },
      ],
      checkpoint,
    },
    null,
    2,
  )}\n`,
);
