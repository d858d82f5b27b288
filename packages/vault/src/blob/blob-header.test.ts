import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLOB_HEADER_LENGTH,
  type BlobHeader,
  encodeBlobHeader,
  MAX_CHUNK_SIZE,
  parseBlobHeader,
} from './blob-header';

const header: BlobHeader = {
  version: 1,
  chunkSize: 0x00100000,
  blobId: Uint8Array.from({ length: 16 }, (_, i) => i),
  salt: Uint8Array.from({ length: 32 }, (_, i) => 0xa0 + i),
};

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

describe('blob header v1 and v2', () => {
  it('lays out magic, version, chunk size, blob id and salt in 57 bytes', () => {
    const bytes = encodeBlobHeader(header);
    expect(bytes.length).toBe(BLOB_HEADER_LENGTH);
    expect(hex(bytes.subarray(0, 9))).toBe('43424c420100100000');
    expect(hex(bytes.subarray(9, 25))).toBe(hex(header.blobId));
    expect(hex(bytes.subarray(25))).toBe(hex(header.salt));
  });

  it('parses what it encodes', () => {
    expect(parseBlobHeader(encodeBlobHeader(header))).toEqual({ ok: true, header });
  });

  it('refuses an unknown magic', () => {
    const bytes = encodeBlobHeader(header);
    bytes[0] = 0x44;
    expect(parseBlobHeader(bytes)).toMatchObject({ ok: false, problem: 'bad-magic' });
  });

  it('writes and reads version 2 with the same layout, only the version byte differs', () => {
    const v2: BlobHeader = { ...header, version: 2 };
    const bytes = encodeBlobHeader(v2);
    expect(hex(bytes.subarray(0, 9))).toBe('43424c420200100000');
    expect(hex(bytes.subarray(5))).toBe(hex(encodeBlobHeader(header).subarray(5)));
    expect(parseBlobHeader(bytes)).toEqual({ ok: true, header: v2 });
  });

  it('refuses an unknown version, naming it', () => {
    for (const version of [0, 3, 255]) {
      const bytes = encodeBlobHeader(header);
      bytes[4] = version;
      const result = parseBlobHeader(bytes);
      expect(result).toMatchObject({ ok: false, problem: 'unsupported-version' });
      expect(result.ok ? '' : result.reason).toContain(`version ${version}`);
    }
  });

  it('refuses to encode an unknown version (a bug, not input)', () => {
    const bad = { ...header, version: 3 } as unknown as BlobHeader;
    expect(() => encodeBlobHeader(bad)).toThrow(RangeError);
  });

  it('refuses short and long headers', () => {
    const bytes = encodeBlobHeader(header);
    expect(parseBlobHeader(bytes.subarray(0, 3))).toMatchObject({ problem: 'truncated' });
    expect(parseBlobHeader(bytes.subarray(0, 56))).toMatchObject({ problem: 'truncated' });
    const long = new Uint8Array(58);
    long.set(bytes);
    expect(parseBlobHeader(long)).toMatchObject({ problem: 'bad-length' });
  });

  it('refuses chunk sizes of 0 and above the maximum', () => {
    const bytes = encodeBlobHeader(header);
    const view = new DataView(bytes.buffer);
    view.setUint32(5, 0);
    expect(parseBlobHeader(bytes)).toMatchObject({ ok: false, problem: 'bad-chunk-size' });
    view.setUint32(5, MAX_CHUNK_SIZE + 1);
    expect(parseBlobHeader(bytes)).toMatchObject({ ok: false, problem: 'bad-chunk-size' });
    view.setUint32(5, MAX_CHUNK_SIZE);
    expect(parseBlobHeader(bytes).ok).toBe(true);
  });

  it('throws on fields of the wrong length when encoding (a bug, not input)', () => {
    expect(() => encodeBlobHeader({ ...header, blobId: new Uint8Array(15) })).toThrow(RangeError);
    expect(() => encodeBlobHeader({ ...header, salt: new Uint8Array(31) })).toThrow(RangeError);
    expect(() => encodeBlobHeader({ ...header, chunkSize: 0 })).toThrow(RangeError);
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const result = parseBlobHeader(bytes);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });

  it('round-trips any valid header', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1 as const, 2 as const),
        fc.integer({ min: 1, max: MAX_CHUNK_SIZE }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (version, chunkSize, blobId, salt) => {
          const h: BlobHeader = { version, chunkSize, blobId, salt };
          expect(parseBlobHeader(encodeBlobHeader(h))).toEqual({ ok: true, header: h });
        },
      ),
    );
  });
});
