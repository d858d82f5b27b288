import { ExtractedMetadataSchema } from '@casebook/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureImage } from '../test/fixture-images';
import { extractMetadata } from './extract-metadata';

const HEADERS = [
  [],
  [0xff, 0xd8, 0xff, 0xe1],
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0x49, 0x49, 0x2a, 0x00],
  [0x4d, 0x4d, 0x00, 0x2a],
  [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63],
];

async function storable(bytes: Uint8Array, name: string) {
  const result = await extractMetadata(bytes, { name });
  expect(ExtractedMetadataSchema.safeParse(result.metadata).success).toBe(true);
  expect(result.notes.length).toBeGreaterThan(0);
}

describe('extractMetadata never throws', () => {
  it('on random bytes, bare or behind an image signature', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...HEADERS),
        fc.uint8Array({ maxLength: 2048 }),
        fc.string({ maxLength: 80 }),
        async (header, body, name) => storable(new Uint8Array([...header, ...body]), name),
      ),
      { numRuns: 300 },
    );
  });

  it('on real photos with bytes corrupted or cut short', async () => {
    const originals = [
      'IMG_20180725_163423-tiny.jpg',
      'png_with_exif_and_gps.png',
      'broken1.jpg',
    ].map(fixtureImage);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: originals.length - 1 }),
        fc.array(fc.tuple(fc.nat({ max: 4095 }), fc.nat({ max: 255 })), { maxLength: 16 }),
        fc.nat({ max: 20_000 }),
        async (which, flips, cut) => {
          const original = originals[which] ?? new Uint8Array();
          const bytes = original.slice(0, Math.max(cut, 4096));
          for (const [at, value] of flips) bytes[at] = value;
          await storable(bytes, 'corrupted.jpg');
        },
      ),
      { numRuns: 200 },
    );
  });
});
