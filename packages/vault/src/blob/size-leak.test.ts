// What someone holding a backup (or the store) sees of a file: its header and the lengths of
// its stored chunks. v2 must show the same for every size in one Padmé bucket; v1 shows the
// exact size, which is the positive control proving that these checks see sizes at all.
import { describe, expect, it } from 'vitest';
import type { BlobVersion } from './blob-header';
import { DEFAULT_CHUNK_SIZE } from './blob-header';
import { paddedLength } from './padme';
import { encryptAll, randomData } from './test-kit';

async function observed(size: number, chunkSize: number, version: BlobVersion): Promise<string> {
  const { header, chunks } = await encryptAll([randomData(size)], { chunkSize, version });
  return [header.length, ...chunks.map((c) => c.length)].join(',');
}

async function distinct(sizes: readonly number[], chunkSize: number, version: BlobVersion) {
  const seen = new Set<string>();
  for (const size of sizes) seen.add(await observed(size, chunkSize, version));
  return seen.size;
}

describe('stored chunk lengths do not show a file size within its padding bucket', () => {
  it('the sizes of one bucket (4096, 4352] all pad to 4352 (the premise of the next tests)', () => {
    for (let size = 4097; size <= 4352; size++) expect(paddedLength(size)).toBe(4352);
    expect(paddedLength(4353)).not.toBe(4352);
  });

  it('v2: every size in (4096, 4352] looks the same; v1: every one is told apart', async () => {
    const sizes = Array.from({ length: 256 }, (_, i) => 4097 + i).filter(
      (s) => s % 7 === 0 || s === 4097 || s === 4352,
    );
    expect(sizes.length).toBeGreaterThan(30);
    expect(await distinct(sizes, 1024, 2)).toBe(1);
    expect(await distinct(sizes, 1024, 1)).toBe(sizes.length); // positive control
  });

  it('v2: every file up to 4 KiB looks the same, even an empty one', async () => {
    const sizes = [0, 1, 2, 100, 1023, 1024, 1025, 2048, 4095, 4096];
    expect(await distinct(sizes, 1024, 2)).toBe(1);
    expect(await distinct(sizes, 1024, 1)).toBe(sizes.length); // positive control
  });

  it('v2 with the real 1 MiB chunks: sizes in (1 MiB, 1 MiB + 32 KiB] look the same', async () => {
    const mib = DEFAULT_CHUNK_SIZE;
    const sizes = [mib + 1, mib + 4096, mib + 12_345, mib + 2 ** 15];
    for (const size of sizes) expect(paddedLength(size)).toBe(mib + 2 ** 15);
    expect(await distinct(sizes, mib, 2)).toBe(1);
    expect(await distinct(sizes, mib, 1)).toBe(sizes.length); // positive control
  });

  it('v2 still tells buckets apart (the leak is bounded, not zero)', async () => {
    expect(await distinct([4352, 4353], 1024, 2)).toBe(2);
  });
});
