import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openSyncEnvelope, SYNC_ENVELOPE_BLOCK } from './sync-envelope';

// Written once by v1 (test/golden/make-sync-envelope-golden-v1.ts). Every later version must
// open it.
const golden = JSON.parse(
  await readFile(new URL('../../test/golden/sync-envelope-v1.json', import.meta.url), 'utf8'),
);
const ck = new Uint8Array(Buffer.from(golden.ckHex, 'hex'));
const data = new Uint8Array(Buffer.from(golden.dataBase64, 'base64'));

describe('sync envelope v1 (golden file)', () => {
  it('opens to the value it was sealed with, on whole 256-byte blocks', async () => {
    expect(data.length % SYNC_ENVELOPE_BLOCK).toBe(0);
    expect(await openSyncEnvelope(ck, golden.id, data)).toEqual(golden.value);
  });

  it('does not open under another id or another key (control: the check can refuse)', async () => {
    expect(await openSyncEnvelope(ck, `${golden.id.slice(0, -1)}A`, data)).toBeUndefined();
    const otherKey = ck.map((b) => b ^ 1);
    expect(await openSyncEnvelope(otherKey, golden.id, data)).toBeUndefined();
  });
});
