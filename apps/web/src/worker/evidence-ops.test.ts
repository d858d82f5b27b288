import { createHash } from 'node:crypto';
import { blob, getManifest, KDF_FLOOR, readFileChunks, Vault } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { describe, expect, it } from 'vitest';
import { intakeFile, type LongCallContext } from './evidence-ops';

const PASS = 'correct horse battery staple';
const KiB = 1024;

function context(): LongCallContext {
  return { signal: new AbortController().signal, progress: () => undefined };
}

/** 1.25 MiB of bytes that are not all alike, so a chunk out of place would show. */
function fileBytes(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(1280 * KiB);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 9)) & 0xff;
  return bytes;
}

function chunkSizeInHeader(header: string): number {
  const parsed = blob.parseBlobHeader(new Uint8Array(Buffer.from(header, 'base64')));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.header.chunkSize;
}

describe('intakeFile', () => {
  it('seals a browser intake in 512 KiB chunks, named in the file header, and reads it back whole', async () => {
    const { vault } = await Vault.create(createMemoryStore(), PASS, { kdf: KDF_FLOOR });
    const bytes = fileBytes();
    const outcome = await intakeFile(
      vault,
      new Blob([bytes]),
      'recording.m4a',
      Date.parse('2026-06-14T23:10:00Z'),
      { source: 'upload', initials: 'AB', incidents: [] },
      context(),
    );
    if (!outcome.ok) throw new Error(outcome.message);
    if (outcome.record.state !== 'live')
      throw new Error(`the record came back ${outcome.record.state}`);
    const body = outcome.record.body as { blobId: string; sha256: string };
    const manifest = await getManifest(vault, body.blobId);
    if (!manifest) throw new Error('no manifest');

    expect(chunkSizeInHeader(manifest.header)).toBe(512 * KiB);
    expect(manifest.chunkSize).toBe(512 * KiB);
    expect(manifest.chunkCount).toBe(3);

    const parts: Uint8Array[] = [];
    for await (const piece of readFileChunks(vault, manifest)) parts.push(piece.slice());
    expect(Buffer.concat(parts).equals(Buffer.from(bytes))).toBe(true);
    expect(body.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('control: the same check reads 1 MiB from a file added through vault.addFile with no chunk size (the vault default)', async () => {
    const { vault } = await Vault.create(createMemoryStore(), PASS, { kdf: KDF_FLOOR });
    const stored = await vault.addFile(new Blob([fileBytes()]).stream());
    const manifest = await getManifest(vault, stored.blobId);
    if (!manifest) throw new Error('no manifest');
    expect(chunkSizeInHeader(manifest.header)).toBe(1024 * KiB);
    expect(manifest.chunkCount).toBe(2);
  });
});
