/**
 * Writes the sync envelope v1 golden file once (`npx tsx
 * packages/vault/test/golden/make-sync-envelope-golden-v1.ts`). Never run it again for v1: the
 * file it wrote is what every later version must still open.
 */
import { writeFile } from 'node:fs/promises';
import { sealSyncEnvelope } from '../../src/sync/sync-envelope';

const ck = new Uint8Array(32).map((_, i) => i * 7 + 3);
const value = {
  v: 1,
  entry: { seq: 4, action: 'create', note: 'Golden — a made-up change, £ and emoji 🙂' },
  record: { kind: 'incident', id: 'golden-incident', rev: 1, text: 'x'.repeat(300) },
};
const sealed = await sealSyncEnvelope(ck, value);
await writeFile(
  new URL('sync-envelope-v1.json', import.meta.url),
  `${JSON.stringify(
    {
      format: 'casebook-sync-envelope-v1',
      ckHex: Buffer.from(ck).toString('hex'),
      id: sealed.id,
      dataBase64: Buffer.from(sealed.data).toString('base64'),
      value,
    },
    null,
    2,
  )}\n`,
);
