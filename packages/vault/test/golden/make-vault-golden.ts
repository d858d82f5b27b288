/**
 * Made the committed golden vault v1 once: `npx tsx packages/vault/test/golden/make-vault-golden.ts`.
 * Do not re-run it to "fix" a failing golden test: the test exists to prove that files
 * written by v1 stay readable. Add a new golden file for a new version instead.
 */
import { writeFile } from 'node:fs/promises';
import { writeBackup } from '../../src/backup/write-backup';
import { KDF_FLOOR } from '../../src/kdf';
import { createMemoryStore } from '../../src/store/memory-store';
import { collect, steppingClock } from '../../src/testing/test-vault';
import { Vault } from '../../src/vault';

const here = new URL('./', import.meta.url);
const passphrase = 'golden vector passphrase v1';
const store = createMemoryStore();
const { vault, recoveryCode } = await Vault.create(store, passphrase, {
  kdf: KDF_FLOOR,
  clock: steppingClock(),
});
await vault.put('incident', 'AAAAAAAAAAAAAAAAAAAAAA', {
  whatHappened: 'He waited outside my work — “again”.',
  n: 1,
});
await vault.put('incident', 'AAAAAAAAAAAAAAAAAAAAAA', {
  whatHappened: 'He waited outside my work again.',
  n: 2,
});
await vault.put('person', 'BBBBBBBBBBBBBBBBBBBBBB', { names: ['Unknown man'] });
await vault.remove('person', 'BBBBBBBBBBBBBBBBBBBBBB', 'Same person as another record');
const file = new TextEncoder().encode('golden file v1\n'.repeat(300));
const info = await vault.addFile(
  (async function* () {
    yield file;
  })(),
  { chunkSize: 1024 },
);
const bytes = await collect(writeBackup(store));
await writeFile(new URL('vault-v1.casebook', here), bytes);
await writeFile(
  new URL('vault-v1.json', here),
  `${JSON.stringify(
    {
      passphrase,
      recoveryCode,
      file: {
        blobId: info.blobId,
        sha256: info.sha256,
        size: info.size,
        text: 'golden file v1\n',
        repeat: 300,
      },
      log: (await vault.auditLog()).map((e) => `${e.seq} ${e.op} ${e.kind} ${e.rev} ${e.time}`),
    },
    null,
    2,
  )}\n`,
);
