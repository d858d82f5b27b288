/**
 * Test and benchmark support: synthetic evidence made as streams (never held whole), a real
 * Ed25519 key, a bundle written to a file, and zip.js rewrites of a bundle for tamper tests.
 */
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { open } from 'node:fs/promises';
import {
  type BundleOutcome,
  type EvidenceInput,
  type GeneratedFile,
  writeBundle,
} from '@casebook/report';
import { type Entry, Uint8ArrayReader, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { FileHandleReader } from './file-handle-reader';
import { newFileWritable } from './file-writable';
import { nodeSha256 } from './node-bundle-crypto';

const MiB = 1024 * 1024;

/** Deterministic bytes from a seed, 1 MiB at a time: a xorshift block with the offset stamped in. */
export async function* syntheticBytes(seed: string, size: number): AsyncGenerator<Uint8Array> {
  const words = new Uint32Array(MiB / 4);
  let x = createHash('sha256').update(seed).digest().readUInt32LE(0) || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  const block = new Uint8Array(words.buffer);
  for (let offset = 0; offset < size; offset += MiB) {
    const chunk = block.slice(0, Math.min(MiB, size - offset));
    if (chunk.length >= 8) new DataView(chunk.buffer).setFloat64(0, offset);
    yield chunk;
  }
}

export async function sha256OfStream(source: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of source) hash.update(chunk);
  return hash.digest('hex');
}

/** A synthetic exhibit whose recorded hash is worked out by streaming it once beforehand. */
export async function syntheticExhibit(
  ref: string,
  originalName: string,
  size: number,
): Promise<EvidenceInput> {
  const seed = `${ref}:${originalName}`;
  return {
    ref,
    originalName,
    size,
    sha256: await sha256OfStream(syntheticBytes(seed, size)),
    sidecar: { mediaType: 'application/octet-stream', takenAt: '2026-03-01T09:30:00Z' },
    open: () => syntheticBytes(seed, size),
  };
}

export interface TestKey {
  readonly publicKey: Uint8Array;
  readonly privateKey: KeyObject;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

export function makeKey(): TestKey {
  const pair = generateKeyPairSync('ed25519');
  const der = pair.publicKey.export({ format: 'der', type: 'spki' });
  return {
    publicKey: new Uint8Array(der.subarray(der.length - 32)),
    privateKey: pair.privateKey,
    sign: async (message) => new Uint8Array(sign(null, message, pair.privateKey)),
  };
}

const text = (s: string) => new TextEncoder().encode(s);

/**
 * Report, CSV and JSON files as another part of Casebook would make them. No audit files: the
 * audit export's format and check belong to the vault and handover (`checkBundleAudit`).
 */
export const sampleGenerated: readonly GeneratedFile[] = [
  { path: 'report/report.pdf', bytes: text('%PDF-1.7\n% not a real report, a test stand-in\n') },
  {
    path: 'report/chronology.csv',
    bytes: text('\uFEFFnumber,when,what\r\n1,2026-03-01,Followed\r\n'),
  },
  { path: 'report/exhibits.csv', bytes: text('\uFEFFref,file\r\nJD/1,IMG_2041.jpg\r\n') },
  { path: 'data/case.json', bytes: text('{"schemaVersion":1}\n') },
];

/** Writes a bundle to a new file at `path`. */
export async function writeBundleFile(
  path: string,
  evidence: readonly EvidenceInput[],
  key: TestKey,
  generated: readonly GeneratedFile[] = sampleGenerated,
): Promise<BundleOutcome> {
  const { writable, done } = newFileWritable(path);
  const outcome = await writeBundle(
    {
      createdAt: new Date('2026-03-14T10:15:00Z'),
      producer: 'Casebook 0.1.0 (test)',
      generated,
      evidence,
      publicKey: key.publicKey,
      sign: key.sign,
      sha256: nodeSha256,
    },
    writable,
  );
  if (outcome.ok) {
    const written = await done;
    if (!written.ok) throw new Error(written.message);
  }
  return outcome;
}

/** What to do with each entry when rewriting: keep, drop, rename, or replace its bytes. */
export type EntryEdit =
  | 'keep'
  | 'drop'
  | { readonly rename: string }
  | { readonly bytes: (old: Uint8Array) => Uint8Array };

/**
 * Copies the bundle at `from` into a new ZIP at `to` through zip.js, applying `edit` to each
 * entry, then adding `extra` files. Entries kept as they are are copied raw.
 */
export async function rewriteZip(
  from: string,
  to: string,
  edit: (name: string) => EntryEdit,
  extra: readonly GeneratedFile[] = [],
): Promise<void> {
  const handle = await open(from, 'r');
  try {
    const reader = new ZipReader(new FileHandleReader(handle), { useWebWorkers: false });
    const { writable, done } = newFileWritable(to);
    const writer = new ZipWriter(writable, { zip64: true, useWebWorkers: false });
    const kept = new Set<string>();
    for (const entry of await reader.getEntries()) {
      const change = edit(entry.filename);
      if (change === 'drop') continue;
      if (change === 'keep') kept.add(entry.filename);
      else {
        const bytes = await bytesOf(entry);
        const name = 'rename' in change ? change.rename : entry.filename;
        const data = 'bytes' in change ? change.bytes(bytes) : bytes;
        await writer.add(name, new Uint8ArrayReader(data), { level: 0 });
      }
    }
    await writer.appendZip(new FileHandleReader(handle), {
      filter: (entry) => kept.has(entry.filename),
    });
    for (const file of extra) await writer.add(file.path, new Uint8ArrayReader(file.bytes));
    await writer.close();
    const outcome = await done;
    if (!outcome.ok) throw new Error(outcome.message);
  } finally {
    await handle.close();
  }
}

async function bytesOf(entry: Entry): Promise<Uint8Array> {
  if (entry.directory) return new Uint8Array(0);
  return new Uint8Array(await entry.arrayBuffer({ useWebWorkers: false }));
}
