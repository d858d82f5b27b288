import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64, utf8 } from './encoding';
import { envelopeAd, openEnvelope, sealEnvelope } from './envelope';
import { openEnvelopes } from './envelope-batch';
import { getSodium } from './sodium';
import type { ProbeInput } from './testing/envelope-batch-probe';
import { runHeapProbe } from './testing/heap-probe';
import type { Base64, Envelope, RecordKind } from './types';

const key = async () => (await getSodium()).randombytes_buf(32);

function flipBit(b64: string, byteIndex: number): Base64 {
  const bytes = fromBase64(b64) as Uint8Array;
  bytes[byteIndex % bytes.length] = (bytes[byteIndex % bytes.length] as number) ^ 0x01;
  return toBase64(bytes);
}

/** What one-at-a-time opening gives, in the batch's order. */
async function oneByOne(k: Uint8Array, envelopes: readonly Envelope[]) {
  const out = [];
  for (const envelope of envelopes) out.push(await openEnvelope(k, envelope));
  return out;
}

const kinds: RecordKind[] = ['incident', 'person', 'evidence', 'note'];

describe('openEnvelopes (one key in libsodium’s heap for a whole batch)', () => {
  it('opens exactly what openEnvelope opens, value and canonical bytes (property)', async () => {
    const k = await key();
    const item = fc.record({
      value: fc.jsonValue(),
      kind: fc.constantFrom(...kinds),
      id: fc.string({ minLength: 1 }),
      rev: fc.nat(),
      // 0 leaves it intact; otherwise one way of damaging it.
      damage: fc.constantFrom(0, 0, 0, 1, 2, 3, 4, 5, 6),
      at: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 12 }), async (items) => {
        const envelopes: Envelope[] = [];
        for (const { value, kind, id, rev, damage, at } of items) {
          const { envelope } = await sealEnvelope(k, kind, id, rev, value);
          const damaged: Envelope =
            damage === 1
              ? { ...envelope, ct: flipBit(envelope.ct, at) }
              : damage === 2
                ? { ...envelope, rev: rev + 1 }
                : damage === 3
                  ? { ...envelope, ct: `${envelope.ct.slice(0, -4)}!!!!` as Base64 }
                  : damage === 4
                    ? { ...envelope, nonce: toBase64(new Uint8Array(12)) }
                    : damage === 5
                      ? { ...envelope, ct: toBase64(new Uint8Array(at % 17)) }
                      : damage === 6
                        ? ({ ...envelope, v: 2 } as unknown as Envelope)
                        : envelope;
          envelopes.push(damaged);
        }
        const batch = await openEnvelopes(k, envelopes);
        expect(batch).toEqual(await oneByOne(k, envelopes));
        items.forEach(({ damage }, i) => {
          if (damage === 0) expect(batch[i]).toBeDefined();
          else expect(batch[i]).toBeUndefined();
        });
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a damaged stored envelope whose fields cannot make associated data, and opens the rest', async () => {
    const k = await key();
    const good = (await sealEnvelope(k, 'incident', 'a', 1, 'fine')).envelope;
    const damaged = [
      { ...good, rev: undefined },
      { ...good, id: { not: 'an id' }, rev: Number.NaN },
    ] as unknown as Envelope[];
    const batch = await openEnvelopes(k, [good, ...damaged, good]);
    expect(batch.map((o) => o?.value)).toEqual(['fine', undefined, undefined, 'fine']);
    expect(await oneByOne(k, damaged)).toEqual([undefined, undefined]);
  });

  it('refuses the whole batch under another key, and opens each under its own', async () => {
    const [k, other] = [await key(), await key()];
    const envelopes = [
      (await sealEnvelope(k, 'incident', 'a', 1, { n: 1 })).envelope,
      (await sealEnvelope(other, 'incident', 'b', 1, { n: 2 })).envelope,
    ];
    expect((await openEnvelopes(k, envelopes)).map((o) => o?.value)).toEqual([{ n: 1 }, undefined]);
    expect((await openEnvelopes(other, envelopes)).map((o) => o?.value)).toEqual([
      undefined,
      { n: 2 },
    ]);
  });

  it('grows past its first scratch region and back (large, small, large records)', async () => {
    const k = await key();
    const sizes = [10, 300_000, 5, 40_000, 600_000, 0, 7_000];
    const envelopes = [];
    for (const [i, size] of sizes.entries()) {
      envelopes.push((await sealEnvelope(k, 'evidence', `e${i}`, 1, 'x'.repeat(size))).envelope);
    }
    const opened = await openEnvelopes(k, envelopes);
    expect(opened.map((o) => (o?.value as string | undefined)?.length)).toEqual(sizes);
    expect(opened).toEqual(await oneByOne(k, envelopes));
  });

  it('refuses an authentic plaintext whose padding is wrong, as openEnvelope does', async () => {
    const sodium = await getSodium();
    const k = await key();
    const nonce = sodium.randombytes_buf(24);
    // Sealed with the right key and associated data but never padded: a writer's bug. Every
    // prefix of it is JSON too, so a batch that used a stale length would open something.
    const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      utf8('1234567890123456789012345678901234567890'),
      envelopeAd(1, 'incident', 'a', 1),
      null,
      nonce,
      k,
    );
    const unpadded: Envelope = {
      v: 1,
      kind: 'incident',
      id: 'a',
      rev: 1,
      nonce: toBase64(nonce),
      ct: toBase64(ct),
    };
    const good = (await sealEnvelope(k, 'incident', 'b', 1, 'fine')).envelope;
    const opened = await openEnvelopes(k, [good, unpadded, good]);
    expect(opened[1]).toBeUndefined();
    expect(await openEnvelope(k, unpadded)).toBeUndefined();
    expect([opened[0]?.value, opened[2]?.value]).toEqual(['fine', 'fine']);
  });

  it('leaves neither the key nor a plaintext in libsodium’s heap (positive control: the one-at-a-time path does)', async () => {
    const marker = (label: string) => `${label}-${crypto.randomUUID()}-${'m'.repeat(64)}`;
    const [batchKey, singleKey] = [await key(), await key()];
    const batchText = marker('batch');
    const singleText = marker('single');
    const envelopes = [];
    for (const id of ['a', 'b', 'c']) {
      const body = { at: 'x', deleted: false, body: batchText };
      envelopes.push((await sealEnvelope(batchKey, 'incident', id, 1, body)).envelope);
    }
    const single = { at: 'x', deleted: false, body: singleText };
    const input: ProbeInput = {
      batch: { key: toBase64(batchKey), text: batchText, envelopes },
      single: {
        key: toBase64(singleKey),
        text: singleText,
        envelope: (await sealEnvelope(singleKey, 'incident', 's', 1, single)).envelope,
      },
    };
    const result = await runHeapProbe<Record<string, boolean>>('envelope-batch-probe.ts', [
      JSON.stringify(input),
    ]);
    expect(result).toEqual({
      batchOpened: true,
      keyAfterBatch: false,
      plaintextAfterBatch: false,
      keyAfterOneByOne: true,
      plaintextAfterOneByOne: true,
    });
  }, 30_000);
});
