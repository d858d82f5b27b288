import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSyncState } from './sync-state';

describe('the sync state beside a casebook', () => {
  it('reads a v1 state as v2 without a cursor, and refuses a damaged cursor', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-state-'));
    try {
      const v1 = {
        v: 1,
        server: 'http://127.0.0.1:8787',
        serverKey: 'A'.repeat(43),
        space: 'B'.repeat(22),
      };
      await writeFile(join(dir, 'v1.json'), JSON.stringify(v1));
      expect(await readSyncState(join(dir, 'v1.json'))).toEqual({
        ok: true,
        state: { ...v1, v: 2 },
      });
      await writeFile(join(dir, 'bad.json'), JSON.stringify({ ...v1, v: 2, cursor: { seq: -1 } }));
      expect((await readSyncState(join(dir, 'bad.json'))).ok).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
