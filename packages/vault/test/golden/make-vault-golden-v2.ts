/**
 * Made the committed golden vault v2 once: `npx tsx packages/vault/test/golden/make-vault-golden-v2.ts`.
 * Do not re-run it to "fix" a failing golden test: it proves that files written by v2 stay
 * readable. It holds what v2 added: a passphrase change, a new recovery code, a failed unlock
 * logged, a padded evidence file, and the signed checkpoint at the end.
 */
import { writeFile } from 'node:fs/promises';
import { writeBackup } from '../../src/backup/write-backup';
import { KDF_FLOOR } from '../../src/kdf';
import { createMemoryStore } from '../../src/store/memory-store';
import { collect, steppingClock } from '../../src/testing/test-vault';
import { Vault } from '../../src/vault';

const here = new URL('./', import.meta.url);
const first = 'golden vector passphrase v2 first';
const passphrase = 'golden vector passphrase v2 second';
const options = { kdf: KDF_FLOOR, clock: steppingClock() };
const store = createMemoryStore();
const created = await Vault.create(store, first, options);
const vault = created.vault;
await vault.put('incident', 'AAAAAAAAAAAAAAAAAAAAAA', { whatHappened: 'Parked outside — “again”.' });
const file = new TextEncoder().encode('golden file v2\n'.repeat(300));
const info = await vault.addFile(
  (async function* () {
    yield file;
  })(),
  { chunkSize: 1024 },
);
const changed = await vault.changePassphrase(passphrase, { passphrase: first });
if (!changed.ok) throw new Error(changed.message);
const code = await vault.newRecoveryCode({ passphrase });
if (!code.ok) throw new Error(code.message);
vault.lock();
await Vault.unlock(store, 'not the passphrase at all', options);
const opened = await Vault.unlock(store, passphrase, options);
if (!opened.ok) throw new Error(opened.message);
const again = opened.value;
await again.remove('incident', 'AAAAAAAAAAAAAAAAAAAAAA', 'Entered by mistake');
const log = (await again.auditLog()).map((e) => `${e.seq} ${e.op} ${e.kind} ${e.rev} ${e.time}`);
const checkpoint = await again.checkpoint();
await writeFile(new URL('vault-v2.casebook', here), await collect(writeBackup(store)));
await writeFile(
  new URL('vault-v2.json', here),
  `${JSON.stringify(
    {
      passphrase,
      oldPassphrase: first,
      recoveryCode: code.value,
      oldRecoveryCode: created.recoveryCode,
      file: {
        blobId: info.blobId,
        sha256: info.sha256,
        size: info.size,
        text: 'golden file v2\n',
        repeat: 300,
      },
      log,
      checkpoint,
    },
    null,
    2,
  )}\n`,
);
