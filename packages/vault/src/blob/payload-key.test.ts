import { createDecipheriv, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derivePayloadKey } from './payload-key';

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

  it('is not extractable', async () => {
    const key = await derivePayloadKey(dek, salt);
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('refuses a DEK that is not 32 bytes', async () => {
    await expect(derivePayloadKey(new Uint8Array(16), salt)).rejects.toThrow(RangeError);
  });
});
