import { createDecipheriv, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derivePayloadKey, payloadKeyInfo } from './payload-key';

describe('derivePayloadKey', () => {
  const dek = Uint8Array.from({ length: 32 }, (_, i) => i);
  const salt = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);

  it('is HKDF-SHA256(DEK, salt, "casebook blob v1"), checked against node:crypto', async () => {
    const key = await derivePayloadKey(dek, salt);
    const iv = new Uint8Array(12);
    const ct = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode('hello')),
    );
    const expected = Buffer.from(hkdfSync('sha256', dek, salt, 'casebook blob v1', 32));
    const decipher = createDecipheriv('aes-256-gcm', expected, iv);
    decipher.setAuthTag(ct.subarray(ct.length - 16));
    const pt = Buffer.concat([decipher.update(ct.subarray(0, ct.length - 16)), decipher.final()]);
    expect(pt.toString()).toBe('hello');
  });

  it('is HKDF-SHA256(DEK, salt, "casebook blob v2") for version 2, a different key', async () => {
    const iv = new Uint8Array(12);
    const plain = new TextEncoder().encode('hello');
    const encryptUnder = async (version: 1 | 2) =>
      new Uint8Array(
        await crypto.subtle.encrypt(
          { name: 'AES-GCM', iv },
          await derivePayloadKey(dek, salt, version),
          plain,
        ),
      );
    const ct = await encryptUnder(2);
    const expected = Buffer.from(hkdfSync('sha256', dek, salt, 'casebook blob v2', 32));
    const decipher = createDecipheriv('aes-256-gcm', expected, iv);
    decipher.setAuthTag(ct.subarray(ct.length - 16));
    const pt = Buffer.concat([decipher.update(ct.subarray(0, ct.length - 16)), decipher.final()]);
    expect(pt.toString()).toBe('hello');
    expect(ct).not.toEqual(await encryptUnder(1));
    // The default stays version 1, as for callers written before v2.
    expect(await encryptUnder(1)).toEqual(
      new Uint8Array(
        await crypto.subtle.encrypt(
          { name: 'AES-GCM', iv },
          await derivePayloadKey(dek, salt),
          plain,
        ),
      ),
    );
  });

  it('refuses a version it has no key for', async () => {
    await expect(derivePayloadKey(dek, salt, 3 as unknown as 1)).rejects.toThrow(RangeError);
  });

  it('is not extractable', async () => {
    const key = await derivePayloadKey(dek, salt);
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('refuses a DEK that is not 32 bytes', async () => {
    await expect(derivePayloadKey(new Uint8Array(16), salt)).rejects.toThrow(RangeError);
  });

  it("gives each version's info as a copy, and none for a version without a key", () => {
    const decoder = new TextDecoder();
    expect(decoder.decode(payloadKeyInfo(1))).toBe('casebook blob v1');
    expect(decoder.decode(payloadKeyInfo(2))).toBe('casebook blob v2');
    // A caller that scribbles on its copy changes no later derivation.
    payloadKeyInfo(2).fill(0);
    expect(decoder.decode(payloadKeyInfo(2))).toBe('casebook blob v2');
    expect(() => payloadKeyInfo(3 as unknown as 1)).toThrow(RangeError);
  });
});
