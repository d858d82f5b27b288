import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { publicKeyPem } from './ed25519-key';
import type { EvidenceInput, Sha256Factory } from './types';
import { verifyBundle } from './verify-bundle';
import { type BundleInput, writeBundle } from './write-bundle';

// node:crypto stands in for what the integrator injects (tests only: the package has no I/O).
const sha256: Sha256Factory = () => createHash('sha256');
const pair = generateKeyPairSync('ed25519');
const der = pair.publicKey.export({ format: 'der', type: 'spki' });
const publicKey = new Uint8Array(der.subarray(der.length - 32));
const checkSignature = async (m: Uint8Array, s: Uint8Array, k: Uint8Array) => {
  try {
    return verify(null, m, createPublicKey(publicKeyPem(k)), s);
  } catch {
    return false;
  }
};
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function* chunks(bytes: Uint8Array, size = 1000) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

function exhibit(
  ref: string,
  name: string,
  bytes: Uint8Array,
  recorded = hex(bytes),
): EvidenceInput {
  return {
    ref,
    originalName: name,
    sha256: recorded,
    size: bytes.length,
    sidecar: { note: `about ${ref}` },
    open: () => chunks(bytes),
  };
}

/** A sink that keeps what it is given, and whether it was closed or aborted. */
function memorySink() {
  const parts: Uint8Array[] = [];
  const state = { closed: false, aborted: false };
  const writable = new WritableStream<Uint8Array>({
    write: (c) => {
      parts.push(c.slice());
    },
    close: () => {
      state.closed = true;
    },
    abort: () => {
      state.aborted = true;
    },
  });
  const bytes = () => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  return { writable, state, bytes };
}

const input = (evidence: EvidenceInput[]): BundleInput => ({
  createdAt: new Date('2026-03-14T10:15:00Z'),
  producer: 'Casebook test',
  generated: [
    { path: 'report/report.pdf', bytes: new Uint8Array([37, 80, 68, 70]) },
    { path: 'audit/log.jsonl', bytes: new TextEncoder().encode('{"seq":1}\n') },
  ],
  evidence,
  publicKey,
  sign: async (m) => new Uint8Array(sign(null, m, pair.privateKey)),
  sha256,
});

const photo = new Uint8Array(10_000).map((_, i) => (i * 7) % 251);
const audio = new Uint8Array(3_000).map((_, i) => (i * 13) % 256);

describe('writeBundle', () => {
  it('writes a bundle that verifies, and hands the audit files to the audit check', async () => {
    const sink = memorySink();
    const outcome = await writeBundle(
      input([exhibit('JD/1', 'photo.jpg', photo), exhibit('JD/2', 'call.m4a', audio)]),
      sink.writable,
    );
    expect(outcome.ok).toBe(true);
    expect(sink.state.closed).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.files.map((f) => f.path)).toEqual([
      'README.txt',
      'VERIFY.txt',
      'report/report.pdf',
      'audit/log.jsonl',
      'evidence/JD-1_photo.jpg',
      'sidecars/JD-1_photo.jpg.json',
      'evidence/JD-2_call.m4a',
      'sidecars/JD-2_call.m4a.json',
      'bundle.json',
    ]);
    const seen: string[] = [];
    const result = await verifyBundle(new Uint8ArrayReader(sink.bytes()), {
      sha256,
      checkSignature,
      checkAudit: async (files, key) => {
        seen.push(...files.map((f) => `${f.path}:${new TextDecoder().decode(f.bytes).trim()}`));
        expect(key).toEqual(publicKey);
        return { ok: true, summary: 'checked up to entry 1' };
      },
    });
    expect(result.ok && result.report).toMatchObject({
      intact: true,
      filesChecked: 9,
      filesListed: 9,
      exhibits: 2,
      signature: 'valid',
      audit: { ok: true, summary: 'checked up to entry 1' },
    });
    expect(seen).toEqual(['audit/log.jsonl:{"seq":1}']);
  });

  it('refuses an exhibit whose bytes are not the recorded ones, naming it, and aborts the output', async () => {
    const wrongHash = exhibit('JD/2', 'call.m4a', audio, hex(photo));
    const sink = memorySink();
    const outcome = await writeBundle(
      input([exhibit('JD/1', 'photo.jpg', photo), wrongHash]),
      sink.writable,
    );
    expect(outcome).toMatchObject({ ok: false, reason: 'evidence-mismatch', ref: 'JD/2' });
    expect(!outcome.ok && outcome.message).toMatch(
      /^Exhibit JD\/2 was not put in the bundle: its SHA-256 is different/,
    );
    expect(sink.state).toEqual({ closed: false, aborted: true });

    // More bytes than recorded is refused as soon as they arrive.
    const longer = { ...exhibit('JD/3', 'x.bin', photo), size: 10 };
    const again = await writeBundle(input([longer]), memorySink().writable);
    expect(again).toMatchObject({ ok: false, reason: 'evidence-mismatch', ref: 'JD/3' });
    expect(!again.ok && again.message).toMatch(/more than 10 bytes/);

    // Positive control: the same exhibits with the right hashes are accepted.
    const ok = await writeBundle(
      input([exhibit('JD/1', 'photo.jpg', photo), exhibit('JD/2', 'call.m4a', audio)]),
      memorySink().writable,
    );
    expect(ok.ok).toBe(true);
  });

  it('stops when cancelled, and throws for a caller bug (an unsafe generated path)', async () => {
    const controller = new AbortController();
    controller.abort();
    const cancelled = await writeBundle(
      { ...input([exhibit('JD/1', 'photo.jpg', photo)]), signal: controller.signal },
      memorySink().writable,
    );
    expect(cancelled).toMatchObject({ ok: false, reason: 'cancelled' });
    await expect(
      writeBundle(
        { ...input([]), generated: [{ path: '../escape.txt', bytes: new Uint8Array(1) }] },
        memorySink().writable,
      ),
    ).rejects.toThrow(/Unsafe bundle path/);
    await expect(
      writeBundle(
        { ...input([]), generated: [{ path: 'MANIFEST.sha256', bytes: new Uint8Array(1) }] },
        memorySink().writable,
      ),
    ).rejects.toThrow(/makes MANIFEST.sha256 itself/);
  });
});

async function goodBundle(): Promise<Uint8Array> {
  const sink = memorySink();
  const outcome = await writeBundle(
    input([exhibit('JD/1', 'photo.jpg', photo), exhibit('JD/2', 'call.m4a', audio)]),
    sink.writable,
  );
  if (!outcome.ok) throw new Error(outcome.message);
  return sink.bytes();
}

/** The bundle rewritten by zip.js: each entry kept, dropped or given new bytes, then extras. */
async function rewrite(
  bytes: Uint8Array,
  change: (name: string, old: Uint8Array) => Uint8Array | 'drop' | { password: string },
  extra: { name: string; bytes: Uint8Array }[] = [],
): Promise<Uint8Array> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false });
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  for (const entry of await reader.getEntries()) {
    if (entry.directory) continue;
    const old = new Uint8Array(await entry.arrayBuffer());
    const next = change(entry.filename, old);
    if (next === 'drop') continue;
    if (next instanceof Uint8Array) await writer.add(entry.filename, new Uint8ArrayReader(next));
    else await writer.add(entry.filename, new Uint8ArrayReader(old), { password: next.password });
  }
  for (const e of extra) await writer.add(e.name, new Uint8ArrayReader(e.bytes));
  return writer.close();
}

const verifyBytes = (bytes: Uint8Array) =>
  verifyBundle(new Uint8ArrayReader(bytes), { sha256, checkSignature });
const problemsOf = async (bytes: Uint8Array) => {
  const result = await verifyBytes(bytes);
  if (!result.ok) throw new Error(result.message);
  return result.report.problems.map((p) => ({ kind: p.kind, path: p.path, ref: p.ref }));
};
const same = (_: string, old: Uint8Array) => old;

describe('verifyBundle on hostile ZIP files', () => {
  it('a plain rewrite is still intact (control for the cases below)', async () => {
    expect(await problemsOf(await rewrite(await goodBundle(), same))).toEqual([]);
  });

  it('names an entry that is in the ZIP twice', async () => {
    const decoy = 'evidence/JD-1_photo.jpX';
    const twice = Buffer.from(
      await rewrite(await goodBundle(), same, [{ name: decoy, bytes: new Uint8Array([1]) }]),
    );
    for (let i = twice.indexOf(decoy); i >= 0; i = twice.indexOf(decoy))
      twice.write('evidence/JD-1_photo.jpg', i);
    expect(await problemsOf(new Uint8Array(twice))).toContainEqual({
      kind: 'duplicate-entry',
      path: 'evidence/JD-1_photo.jpg',
      ref: undefined,
    });
  });

  it('names unsafe names and encrypted entries', async () => {
    const hostile = await rewrite(
      await goodBundle(),
      (name, old) => (name === 'report/report.pdf' ? { password: 'secret' } : old),
      ['../evil.txt', '/etc/cron.d/x', 'a\\b.txt', 'ok/\u202Egpj.exe'].map((name) => ({
        name,
        bytes: new Uint8Array([1]),
      })),
    );
    const problems = await problemsOf(hostile);
    expect(problems).toEqual([
      { kind: 'unsafe-name', path: '../evil.txt', ref: undefined },
      { kind: 'unsafe-name', path: '/etc/cron.d/x', ref: undefined },
      { kind: 'unsafe-name', path: 'a\\b.txt', ref: undefined },
      { kind: 'unsafe-name', path: 'ok/\u202Egpj.exe', ref: undefined },
      { kind: 'encrypted-entry', path: 'report/report.pdf', ref: undefined },
    ]);
  });

  it('names a manifest that lists a path twice, even when it is signed', async () => {
    let manifest = new Uint8Array();
    const doubled = await rewrite(await goodBundle(), (name, old) => {
      if (name !== 'MANIFEST.sha256') return old;
      const text = new TextDecoder().decode(old);
      const line = text.split('\n').find((l) => l.endsWith('  evidence/JD-2_call.m4a'));
      manifest = new TextEncoder().encode(`${text}${line}\n`);
      return manifest;
    });
    const resigned = await rewrite(doubled, (name, old) =>
      name === 'MANIFEST.sha256.sig' ? new Uint8Array(sign(null, manifest, pair.privateKey)) : old,
    );
    expect(await problemsOf(resigned)).toEqual([
      { kind: 'manifest', path: 'evidence/JD-2_call.m4a', ref: undefined },
    ]);
  });

  it('names the exhibit ref of a changed evidence file and of a missing sidecar', async () => {
    const changed = await rewrite(await goodBundle(), (name, old) =>
      name === 'sidecars/JD-1_photo.jpg.json'
        ? 'drop'
        : name === 'evidence/JD-2_call.m4a'
          ? old.map((b, i) => (i === 100 ? b ^ 0x80 : b))
          : old,
    );
    expect(await problemsOf(changed)).toEqual([
      { kind: 'altered', path: 'evidence/JD-2_call.m4a', ref: 'JD/2' },
      { kind: 'missing', path: 'sidecars/JD-1_photo.jpg.json', ref: 'JD/1' },
    ]);
  });

  it('bytes hidden before the first file are named', async () => {
    const good = await goodBundle();
    const padded = new Uint8Array(good.length + 64);
    padded.set(good, 64);
    const result = await verifyBytes(padded);
    expect(result.ok && result.report.problems.map((p) => p.kind)).toContain('ambiguous-zip');
  });

  it('a file that is not a ZIP, or is cut short, is unreadable, not a crash', async () => {
    const good = await goodBundle();
    for (const bytes of [
      new Uint8Array(0),
      new TextEncoder().encode('not a zip at all'),
      good.subarray(0, good.length - 10),
      good.subarray(0, 200),
    ]) {
      const result = await verifyBytes(bytes);
      expect(result).toMatchObject({ ok: false, reason: 'unreadable' });
    }
  });
});
