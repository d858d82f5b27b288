/**
 * Writes the link package v1 golden file once (`npx tsx
 * packages/vault/test/golden/make-link-package-golden-v1.ts`), with the code v1 sealed it (a
 * 16-character linking code the server made). Never run it again for v1: the file it wrote is
 * what every later version must still open. The casebook's passphrase is `PASSPHRASE` of the
 * test kit. It was run at commit 27a4518, before v2; sealLinkPackage makes only v2 now.
 */
import { writeFile } from 'node:fs/promises';
import { sealLinkPackage } from '../../src/sync/link-package';
import { newTestVault } from '../../src/testing/test-vault';

const code = 'K7QW-3MZD-9XPA-V2HT';
const space = 'c3BhY2Utb25lLXNwYWNlLW9uZQ';
const serverKey = 'x'.repeat(43);
const { vault } = await newTestVault();
const header = vault.internals.header;
if (header.v !== 2) throw new Error('v2 expected');
const sealed = await sealLinkPackage(vault, { code, space, serverKey });
await writeFile(
  new URL('link-package-v1.json', import.meta.url),
  `${JSON.stringify(
    {
      format: 'casebook-link-package-v1',
      code,
      space,
      serverKey,
      caseId: header.caseId,
      identityPublicKey: header.identity.publicKey,
      sealedBase64: Buffer.from(sealed).toString('base64'),
    },
    null,
    2,
  )}\n`,
);
