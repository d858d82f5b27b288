import { describe, expect, it } from 'vitest';
import { base64url, IncidentIdSchema, newId, PersonIdSchema } from './ids';
import { countingRandom } from './testing/fixtures';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('ids', () => {
  it('encodes base64url as RFC 4648 does, without padding', () => {
    expect(
      ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((s) => base64url(bytes(s))),
    ).toEqual(['', 'Zg', 'Zm8', 'Zm9v', 'Zm9vYg', 'Zm9vYmE', 'Zm9vYmFy']);
    expect(base64url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
  });

  it('makes 22-character ids from 16 random bytes', () => {
    const random = countingRandom(0);
    const id = newId(IncidentIdSchema, random);
    expect(id).toBe('AAECAwQFBgcICQoLDA0ODw');
    expect(id).toHaveLength(22);
    expect(newId(PersonIdSchema, random)).not.toBe(id);
  });

  it('treats a Random that returns the wrong number of bytes as a bug', () => {
    expect(() => newId(IncidentIdSchema, { bytes: () => new Uint8Array(8) })).toThrow(RangeError);
  });

  it('rejects strings that are not ids', () => {
    for (const bad of [
      '',
      'AAECAwQFBgcICQoLDA0OD',
      'AAECAwQFBgcICQoLDA0OD+',
      'AAECAwQFBgcICQoLDA0ODw=',
    ]) {
      expect(IncidentIdSchema.safeParse(bad).success).toBe(false);
    }
  });
});
