import { describe, expect, it } from 'vitest';
import { EXIF_PREFIX_BYTES, metadataBytesFor, WHOLE_IMAGE_LIMIT } from './metadata-prefix';
import { SNIFF_BYTES } from './sniff-type';

describe('metadataBytesFor', () => {
  it('reads only the sniff of anything that is not an image', () => {
    expect(metadataBytesFor('video/mp4', 1e9)).toBe(SNIFF_BYTES);
    expect(metadataBytesFor('application/pdf', 100)).toBe(100);
  });

  it('reads a prefix of JPEG and PNG, and HEIC-like images whole up to the limit', () => {
    expect(metadataBytesFor('image/jpeg', 1e9)).toBe(EXIF_PREFIX_BYTES);
    expect(metadataBytesFor('image/heic', 5e6)).toBe(5e6);
    expect(metadataBytesFor('image/heic', WHOLE_IMAGE_LIMIT + 1)).toBe(EXIF_PREFIX_BYTES);
  });
});
