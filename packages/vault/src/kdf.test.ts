import { describe, expect, it } from 'vitest';
import { deriveKey, KDF_FLOOR, KDF_MEASURE, newKdfParams } from './kdf';

describe('deriveKey', () => {
  it('leaves the latest derivation’s time as one User Timing measure, for the benchmarks', async () => {
    performance.clearMeasures(KDF_MEASURE);
    expect(performance.getEntriesByName(KDF_MEASURE)).toHaveLength(0);
    const params = await newKdfParams(KDF_FLOOR);
    for (let i = 0; i < 2; i++) expect((await deriveKey('a passphrase', params)).ok).toBe(true);
    const measures = performance.getEntriesByName(KDF_MEASURE);
    expect(measures).toHaveLength(1);
    expect(measures[0]?.duration).toBeGreaterThan(0);
  });

  it('leaves no measure when it refuses before deriving', async () => {
    performance.clearMeasures(KDF_MEASURE);
    const weak = { ...(await newKdfParams(KDF_FLOOR)), opslimit: 1 };
    expect((await deriveKey('a passphrase', weak)).ok).toBe(false);
    expect(performance.getEntriesByName(KDF_MEASURE)).toHaveLength(0);
  });
});
