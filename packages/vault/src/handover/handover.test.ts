import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { restoreBackup } from '../backup/restore-backup';
import { fromUtf8, utf8 } from '../encoding';
import { createMemoryStore } from '../store/memory-store';
import { bytesOf, newTestVault, patternBytes } from '../testing/test-vault';
import { Vault } from '../vault';
import { exportAudit, verifyAuditExport } from './audit-export';
import { noteHandover, sha256Hex } from './handover-note';
import {
  identityPublicKey,
  isSha256Manifest,
  manifestSignatureValid,
  signManifest,
} from './manifest-signature';

async function casebook() {
  const { vault } = await newTestVault();
  await vault.put('incident', 'a', { whatHappened: 'Waiting outside work', child: 'Maisie' });
  await vault.addFile(bytesOf(patternBytes(3000, 2)), { chunkSize: 1024 });
  await vault.put('incident', 'a', { whatHappened: 'Waiting outside work, 8am', child: 'Maisie' });
  await vault.put('person', 'p', { name: 'J. Doe' });
  return vault;
}

const jsonl = (bytes: Uint8Array) =>
  fromUtf8(bytes)
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const toJsonl = (values: readonly unknown[]) =>
  utf8(values.map((v) => `${JSON.stringify(v)}\n`).join(''));

describe('the audit log as it leaves in a bundle', () => {
  it('checks with no key but the identity public key, and names the signed head (positive control)', async () => {
    const vault = await casebook();
    const exported = await exportAudit(vault);
    const check = await verifyAuditExport(exported);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.entries).toBe((await vault.auditLog()).length);
    expect(check.checkpoint?.fingerprint).toBe((await vault.checkpoint())?.fingerprint);
    expect(exported.fingerprint).toBe(check.checkpoint?.fingerprint);
  });

  it('names the newest entries cut, an entry dropped from the middle, and altered ciphertext', async () => {
    const vault = await casebook();
    const e = await exportAudit(vault);
    const chain = jsonl(e.chain);
    const words = jsonl(e.log);

    const cut = await verifyAuditExport({
      ...e,
      chain: toJsonl(chain.slice(0, -1)),
      log: toJsonl(words.slice(0, -1)),
    });
    expect(cut.ok).toBe(false);
    expect(cut.problems.join(' ')).toMatch(
      /signed head names entry \d+, which is not in this audit log/,
    );

    const middle = await verifyAuditExport({
      ...e,
      chain: toJsonl(chain.filter((_, i) => i !== 2)),
      log: toJsonl(words.filter((_, i) => i !== 2)),
    });
    expect(middle.ok).toBe(false);
    expect(middle.problems.join(' ')).toMatch(/Audit log entry 2 is missing/);

    const altered = structuredClone(chain);
    const env = altered[1]?.env as { ct: string };
    env.ct = `${env.ct[0] === 'A' ? 'B' : 'A'}${env.ct.slice(1)}`;
    const flipped = await verifyAuditExport({ ...e, chain: toJsonl(altered) });
    expect(flipped.ok).toBe(false);
    expect(flipped.problems.join(' ')).toMatch(/entry 1 has been altered/);
  });

  it('names words that do not follow the chain, and a head signed by another key', async () => {
    const vault = await casebook();
    const e = await exportAudit(vault);
    const words = jsonl(e.log);
    const moved = structuredClone(words);
    if (moved[3]) moved[3].prev = 'f'.repeat(64);
    const wordsCheck = await verifyAuditExport({ ...e, log: toJsonl(moved) });
    expect(wordsCheck.ok).toBe(false);
    expect(wordsCheck.problems.join(' ')).toMatch(/entry 3/);

    const other = await exportAudit(await casebook());
    const head = JSON.parse(fromUtf8(e.head));
    head.identityKey = JSON.parse(fromUtf8(other.head)).identityKey;
    const foreign = await verifyAuditExport({ ...e, head: utf8(JSON.stringify(head)) });
    expect(foreign.ok).toBe(false);
  });

  it('withheld record hashes cannot confirm a guess at a redacted field; the chain still checks', async () => {
    const vault = await casebook();
    const hashes = (await vault.auditLog())
      .filter((entry) => entry.kind === 'incident' || entry.kind === 'person')
      .map((entry) => entry.sha256);
    expect(hashes.length).toBe(3);
    const full = fromUtf8((await exportAudit(vault)).log);
    // Positive control: without withholding, each revision's plaintext hash is there to match.
    for (const h of hashes) expect(full).toContain(h);
    const withheld = await exportAudit(vault, { withholdRecordHashes: true });
    const text = fromUtf8(withheld.log);
    for (const h of hashes) expect(text).not.toContain(h);
    const check = await verifyAuditExport(withheld);
    expect(check.problems).toEqual([]);
    expect(check.withheld).toBe('record-hashes');
  });

  it('a casebook begun as v1 exports and checks, whole and with hashes withheld (golden file)', async () => {
    const golden = new URL('../../test/golden/', import.meta.url);
    const expected = JSON.parse(await readFile(new URL('vault-v1.json', golden), 'utf8'));
    const backup = await readFile(new URL('vault-v1.casebook', golden));
    const store = createMemoryStore();
    const restored = await restoreBackup(bytesOf(backup), store, {
      secret: { passphrase: expected.passphrase },
    });
    expect(restored.ok).toBe(true);
    const opened = await Vault.unlock(store, expected.passphrase);
    if (!opened.ok) throw new Error(opened.message);
    for (const withholdRecordHashes of [false, true]) {
      const check = await verifyAuditExport(
        await exportAudit(opened.value, { withholdRecordHashes }),
      );
      expect(check.problems).toEqual([]);
    }
  });
});

describe('the keyless check cannot be talked round (found by the review)', () => {
  async function goldenV1() {
    const golden = new URL('../../test/golden/', import.meta.url);
    const expected = JSON.parse(await readFile(new URL('vault-v1.json', golden), 'utf8'));
    const backup = await readFile(new URL('vault-v1.casebook', golden));
    const store = createMemoryStore();
    await restoreBackup(bytesOf(backup), store, { secret: { passphrase: expected.passphrase } });
    const opened = await Vault.unlock(store, expected.passphrase);
    if (!opened.ok) throw new Error(opened.message);
    return opened.value;
  }

  it('"withheld" in a copy that withheld nothing does not excuse changed v1 words', async () => {
    const e = await exportAudit(await goldenV1());
    const words = jsonl(e.log);
    const first = words[1];
    if (!first) throw new Error('no entry 1');
    // Positive control: untouched, it checks.
    expect((await verifyAuditExport(e)).ok).toBe(true);
    const swapped = structuredClone(words);
    swapped[1] = { ...first, op: 'delete', id: 'SOMETHING-ELSE', sha256: 'withheld' };
    const check = await verifyAuditExport({ ...e, log: toJsonl(swapped) });
    expect(check.ok).toBe(false);
    expect(check.problems.join(' ')).toMatch(/entry 1/);
  });

  it('an audit log cut back to nothing, or to its v1 entries without a head, is named', async () => {
    const e = await exportAudit(await goldenV1());
    const head = JSON.parse(fromUtf8(e.head));
    const headless = utf8(JSON.stringify({ ...head, checkpoint: null, fingerprint: null }));
    const v1Only = (bytes: Uint8Array) => toJsonl(jsonl(bytes).filter((x) => x.v === undefined));
    const cut = await verifyAuditExport({
      head: headless,
      chain: v1Only(e.chain),
      log: v1Only(e.log),
    });
    expect(cut.ok).toBe(false);
    expect(cut.problems.join(' ')).toMatch(/no signed head/);
    const empty = await verifyAuditExport({
      head: headless,
      chain: new Uint8Array(),
      log: new Uint8Array(),
    });
    expect(empty.ok).toBe(false);
    expect(empty.problems.join(' ')).toMatch(/empty/);
  });
});

describe('a handover is itself in the signed log', () => {
  it('notes what went out, with field paths but never values, and the vault still verifies', async () => {
    const vault = await casebook();
    const sha256 = await sha256Hex('the manifest');
    await noteHandover(vault, {
      what: 'bundle',
      profile: 'disclosure',
      incidents: 1,
      exhibits: 1,
      redactions: ['incident INC-0001 children: names of children'],
      sha256,
    });
    const last = (await vault.auditLog()).at(-1);
    expect(last).toMatchObject({ op: 'handover', sha256 });
    expect(last && 'detail' in last && last.detail).toMatchObject({
      what: 'bundle',
      profile: 'disclosure',
      redactions: 1,
    });
    expect(JSON.stringify(last)).not.toContain('Maisie');
    const report = await vault.verify();
    expect(report.problems).toEqual([]);
  });
});

describe('the manifest signature', () => {
  const manifest = utf8(
    `${'a'.repeat(64)}  report/report.pdf\n${'b'.repeat(64)}  evidence/JD-1_a.jpg\n`,
  );

  it('signs only a sha256sum manifest', async () => {
    const vault = await casebook();
    expect(isSha256Manifest(manifest)).toBe(true);
    for (const bad of [
      '{"v":2}',
      `${'a'.repeat(64)}  x`,
      `${'a'.repeat(63)}  x\n`,
      `${'a'.repeat(64)} x\n`,
      '',
    ]) {
      expect(isSha256Manifest(utf8(bad))).toBe(false);
      await expect(signManifest(vault, utf8(bad))).rejects.toThrow(/Only a sha256sum manifest/);
    }
  });

  it('checks with libsodium and with a standard Ed25519 verifier (openssl’s route), and fails on a change', async () => {
    const vault = await casebook();
    const sig = await signManifest(vault, manifest);
    const key = identityPublicKey(vault);
    expect(await manifestSignatureValid(manifest, sig, key)).toBe(true);
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(key)]);
    const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    expect(nodeVerify(null, manifest, publicKey, sig)).toBe(true);
    const changed = manifest.slice();
    changed[0] = 'c'.charCodeAt(0);
    expect(await manifestSignatureValid(changed, sig, key)).toBe(false);
    expect(nodeVerify(null, changed, publicKey, sig)).toBe(false);
  });
});
