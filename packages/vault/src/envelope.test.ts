import { canonicalJson } from '@casebook/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './encoding';
import { envelopeAdText, openEnvelope, PAD_BLOCK, sealEnvelope } from './envelope';
import { getSodium } from './sodium';
import type { Base64, Envelope, RecordKind } from './types';

const key = async () => (await getSodium()).randombytes_buf(32);

function flipBit(b64: string, byteIndex: number): Base64 {
  const bytes = fromBase64(b64) as Uint8Array;
  const i = ((byteIndex % bytes.length) + bytes.length) % bytes.length;
  bytes[i] = (bytes[i] as number) ^ 0x01;
  return toBase64(bytes);
}

const json = fc.jsonValue().filter((v) => v !== undefined);

describe('record envelope v1', () => {
  it('round-trips any JSON value (property)', async () => {
    const k = await key();
    await fc.assert(
      fc.asyncProperty(json, fc.string({ minLength: 1 }), fc.nat(), async (value, id, rev) => {
        const { envelope } = await sealEnvelope(k, 'incident', id, rev, value);
        const opened = await openEnvelope(k, envelope);
        expect(opened?.value).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });

  it('pads the plaintext to a multiple of 256 bytes', async () => {
    const k = await key();
    for (const length of [0, 1, 200, 255, 256, 1000]) {
      const { envelope } = await sealEnvelope(k, 'incident', 'a', 1, 'x'.repeat(length));
      const ct = fromBase64(envelope.ct) as Uint8Array;
      expect((ct.length - 16) % PAD_BLOCK).toBe(0);
    }
    const small = await sealEnvelope(k, 'incident', 'a', 1, 'hi');
    const big = await sealEnvelope(k, 'incident', 'a', 1, 'x'.repeat(200));
    expect(small.envelope.ct.length).toBe(big.envelope.ct.length);
  });

  it('cannot be moved to another id, kind or revision', async () => {
    const k = await key();
    const { envelope } = await sealEnvelope(k, 'incident', 'a', 2, { secret: 1 });
    expect(await openEnvelope(k, envelope)).toBeDefined(); // positive control
    const moves: Envelope[] = [
      { ...envelope, id: 'b' },
      { ...envelope, kind: 'person' },
      { ...envelope, rev: 3 },
      { ...envelope, rev: 1 },
    ];
    for (const moved of moves) expect(await openEnvelope(k, moved)).toBeUndefined();
  });

  it('detects a flipped bit in the nonce, the ciphertext or the tag (property)', async () => {
    const k = await key();
    const { envelope } = await sealEnvelope(k, 'incident', 'a', 1, { whatHappened: 'text' });
    const ctLength = (fromBase64(envelope.ct) as Uint8Array).length;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 23 }), fc.nat({ max: ctLength - 1 }), async (n, c) => {
        expect(
          await openEnvelope(k, { ...envelope, nonce: flipBit(envelope.nonce, n) }),
        ).toBeUndefined();
        expect(await openEnvelope(k, { ...envelope, ct: flipBit(envelope.ct, c) })).toBeUndefined();
      }),
      { numRuns: 100 },
    );
    // The tag is the last 16 bytes of ct.
    expect(await openEnvelope(k, { ...envelope, ct: flipBit(envelope.ct, -1) })).toBeUndefined();
    expect(await openEnvelope(k, { ...envelope, ct: flipBit(envelope.ct, -16) })).toBeUndefined();
  });

  it('refuses another key, malformed base64 and an unknown version', async () => {
    const k = await key();
    const { envelope } = await sealEnvelope(k, 'incident', 'a', 1, {});
    expect(await openEnvelope(await key(), envelope)).toBeUndefined();
    expect(await openEnvelope(k, { ...envelope, ct: '***' as Base64 })).toBeUndefined();
    expect(await openEnvelope(k, { ...envelope, v: 2 as 1 })).toBeUndefined();
  });
});

describe('envelopeAdText', () => {
  it('is canonicalJson of (v, kind, id, rev), for any values (property)', () => {
    const anything = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.jsonValue());
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), anything),
        fc.oneof(fc.string(), anything),
        fc.oneof(fc.nat(), fc.double({ noNaN: true, noDefaultInfinity: true }), anything),
        (kind, id, rev) => {
          const args = [1, kind, id, rev] as unknown as [1, RecordKind, string, number];
          let expected: string | Error;
          try {
            expected = canonicalJson({ v: 1, kind, id, rev });
          } catch (error) {
            expected = error as Error;
          }
          if (expected instanceof Error) expect(() => envelopeAdText(...args)).toThrow(TypeError);
          else expect(envelopeAdText(...args)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
