import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { restoreBackup } from './backup/restore-backup';
import { verifyBackup } from './backup/verify-backup';
import { writeBackup } from './backup/write-backup';
import { parseFingerprint } from './log/checkpoint';
import { compareWithCopy, compareWithFingerprint } from './log/history-compare';
import { createMemoryStore } from './store/memory-store';
import { cutNewest, endOf, joinBackup, splitBackup, withCheckpoint } from './testing/backup-frames';
import { bytesOf, collect, newTestVault, PASSPHRASE, patternBytes } from './testing/test-vault';
import { HEADER_META_KEY } from './vault-header';

async function* once(bytes: Uint8Array) {
  yield bytes;
}
const secret = { passphrase: PASSPHRASE };

/** A casebook with an early backup (the copy "of 3 March"), then three more changes. */
async function history() {
  const { vault, store } = await newTestVault();
  await vault.put('incident', 'a', { whatHappened: 'Waiting outside work' });
  await vault.addFile(bytesOf(patternBytes(3000, 2)), { chunkSize: 1024 });
  await vault.put('incident', 'a', { whatHappened: 'Waiting outside work, 8am' });
  const early = await collect(writeBackup(store));
  const earlyPoint = await vault.checkpoint();
  await vault.put('incident', 'late1', { whatHappened: 'Threat by text' });
  const late = await vault.addFile(bytesOf(patternBytes(5000, 3)), { chunkSize: 1024 });
  await vault.put('incident', 'late2', { whatHappened: 'Car followed me home' });
  const full = await collect(writeBackup(store));
  const newest = [
    { kind: 'incident', id: 'late2', rev: 1 },
    { kind: 'blob', id: late.blobId, rev: 1 },
    { kind: 'incident', id: 'late1', rev: 1 },
  ];
  return { vault, full, early, earlyPoint, newest, lateBlob: late.blobId };
}

/** Cuts the newest k entries with what they logged (the attack in the issue). */
function cut(h: Awaited<ReturnType<typeof history>>, k: number) {
  const records = h.newest.slice(0, k);
  const blobs = records.some((r) => r.kind === 'blob') ? [h.lateBlob] : [];
  return joinBackup(cutNewest(splitBackup(h.full), k, records, blobs));
}

describe('a history nobody can quietly cut', () => {
  it('an untouched backup verifies and names the checkpoint it reached (positive control)', async () => {
    const h = await history();
    const result = await verifyBackup(once(h.full), secret);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.report).toMatchObject({ ok: true, problems: [] });
    expect(result.value.report.checkpoint?.seq).toBe(6);
    expect(result.value.report.checkpoint?.fingerprint).toMatch(/^6-[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    // And the surgery itself changes nothing when it cuts nothing.
    expect(joinBackup(splitBackup(h.full))).toEqual(h.full);
  });

  it.each([1, 2, 3])(
    'names a cut of the newest %i entries, with the checksum re-forged',
    async (k) => {
      const h = await history();
      const damaged = cut(h, k);
      const result = await verifyBackup(once(damaged), secret);
      if (!result.ok) throw new Error(result.message);
      expect(result.value.report.ok).toBe(false);
      expect(result.value.report.problems.map((p) => p.message).join(' ')).toMatch(
        new RegExp(`ends at entry ${6 - k}.*reached entry 6.*removed`),
      );
      const target = createMemoryStore();
      const restored = await restoreBackup(once(damaged), target, { secret });
      expect(restored).toMatchObject({ ok: false, reason: 'problems' });
      expect(await target.getMeta(HEADER_META_KEY)).toBeUndefined();
      expect(await target.listBlobs()).toEqual([]);
    },
  );

  it('an older signed checkpoint put back after a cut is caught by --expect and --against', async () => {
    const h = await history();
    // The attacker cuts back exactly to the early copy and re-uses its genuine checkpoint.
    const replayed = joinBackup(
      withCheckpoint(splitBackup(cut(h, 3)), endOf(splitBackup(h.early)).checkpoint),
    );
    const alone = await verifyBackup(once(replayed), secret);
    if (!alone.ok) throw new Error(alone.message);
    // On its own it is a consistent older casebook: verify says which checkpoint it reached.
    expect(alone.value.report.ok).toBe(true);
    expect(alone.value.report.checkpoint?.seq).toBe(3);

    const fullResult = await verifyBackup(once(h.full), secret);
    if (!fullResult.ok) throw new Error(fullResult.message);
    const printed = fullResult.value.report.checkpoint?.fingerprint ?? '';
    const expectation = parseFingerprint(printed.toLowerCase().replaceAll('-', ' '));
    if (!expectation) throw new Error('fingerprint did not parse');
    const byFingerprint = await compareWithFingerprint(
      alone.value.header.caseId,
      alone.value.chains,
      expectation,
      printed,
    );
    expect(byFingerprint).toMatchObject({ ok: false });
    expect(byFingerprint.message).toMatch(/ends at entry 3, earlier than the checkpoint/);

    const against = compareWithCopy(
      { caseId: alone.value.header.caseId, chains: alone.value.chains },
      {
        caseId: fullResult.value.header.caseId,
        chains: fullResult.value.chains,
        ...(fullResult.value.checkpoint && { checkpoint: fullResult.value.checkpoint }),
      },
    );
    expect(against).toMatchObject({ ok: false });
    expect(against.message).toMatch(/ends earlier than the copy of 3 March 2026 at 14:\d\d UTC/);

    // Positive controls: the full copy does contain the early one and its own fingerprint.
    expect(
      compareWithCopy(
        { caseId: fullResult.value.header.caseId, chains: fullResult.value.chains },
        { caseId: alone.value.header.caseId, chains: alone.value.chains },
      ),
    ).toMatchObject({ ok: true });
    expect(
      await compareWithFingerprint(
        fullResult.value.header.caseId,
        fullResult.value.chains,
        expectation,
        printed,
      ),
    ).toMatchObject({ ok: true });
    expect(h.earlyPoint?.seq).toBe(3);
  });

  it('a changed entry at the expected point is named as a different history', async () => {
    const h = await history();
    const result = await verifyBackup(once(h.full), secret);
    if (!result.ok) throw new Error(result.message);
    const fp = parseFingerprint(result.value.report.checkpoint?.fingerprint ?? '');
    if (!fp) throw new Error('no fingerprint');
    const other = await compareWithFingerprint(
      result.value.header.caseId,
      result.value.chains,
      { seq: fp.seq, hex: fp.hex.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) },
      'x',
    );
    expect(other.message).toMatch(/does not contain the checkpoint/);
  });

  it('a version 1 backup could be cut without trace (why v2 exists): it verifies, with a note', async () => {
    // Positive control for the attack itself, on the committed v1 golden file.
    const golden = new URL('../test/golden/', import.meta.url);
    const expected = JSON.parse(await readFile(new URL('vault-v1.json', golden), 'utf8'));
    const v1 = await readFile(new URL('vault-v1.casebook', golden));
    const damaged = joinBackup(
      cutNewest(
        splitBackup(new Uint8Array(v1)),
        1,
        [{ kind: 'blob', id: expected.file.blobId, rev: 1 }],
        [expected.file.blobId],
      ),
    );
    const result = await verifyBackup(once(damaged), { passphrase: expected.passphrase });
    if (!result.ok) throw new Error(result.message);
    expect(result.value.report.ok).toBe(true);
    expect(result.value.report.counts.logEntries).toBe(5);
    expect(result.value.report.notes?.join(' ')).toMatch(/cannot be ruled out/);
  });
});
