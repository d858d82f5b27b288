import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isCanonicalKeyId, verifyRequest } from '../src/auth/verify-request';
import {
  contentDigest,
  parseSignature,
  parseSignatureInput,
  signatureBase,
  signBase,
  verifyBase,
} from '../src/protocol/http-signature';
import { newDeviceKey, signRequest } from '../src/protocol/sign-request';

// RFC 9421 Appendix B.1.4 (test-key-ed25519) and B.2.6 (signing a request with it).
const RFC_PRIVATE = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF
-----END PRIVATE KEY-----`;
const RFC_PUBLIC = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=
-----END PUBLIC KEY-----`;
const RFC_INPUT =
  'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
const RFC_SIGNATURE =
  'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:';

describe('RFC 9421 subset', () => {
  it('builds the signature base of B.2.6 and its Ed25519 signature verifies', () => {
    const input = parseSignatureInput(RFC_INPUT);
    expect(input?.label).toBe('sig-b26');
    expect(input?.params).toEqual({ created: 1618884473, keyid: 'test-key-ed25519' });
    const base = signatureBase(
      [
        ['date', 'Tue, 20 Apr 2021 02:07:55 GMT'],
        ['@method', 'POST'],
        ['@path', '/foo'],
        ['@authority', 'example.com'],
        ['content-type', 'application/json'],
        ['content-length', '18'],
      ],
      input?.serialized ?? '',
    );
    const signature = parseSignature(RFC_SIGNATURE);
    expect(signature?.label).toBe('sig-b26');
    const publicKey = createPublicKey(RFC_PUBLIC);
    expect(verifyBase(base, signature?.bytes ?? Buffer.alloc(0), publicKey)).toBe(true);
    // Ed25519 is deterministic: signing the same base gives the RFC's bytes exactly.
    expect(
      signBase(base, createPrivateKey(RFC_PRIVATE)).equals(signature?.bytes ?? Buffer.alloc(0)),
    ).toBe(true);
    // One changed component and it no longer holds.
    expect(
      verifyBase(base.replace('/foo', '/fop'), signature?.bytes ?? Buffer.alloc(0), publicKey),
    ).toBe(false);
  });

  it('computes Content-Digest as RFC 9530 does', () => {
    // RFC 9530 §2 example body.
    expect(contentDigest(Buffer.from('{"hello": "world"}\n'))).toBe(
      'sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:',
    );
  });

  it('refuses headers that are not one well-formed signature', () => {
    expect(parseSignatureInput('sig1=("@method");created=1;keyid="a";created=2')).toBeUndefined();
    expect(
      parseSignatureInput('sig1=("@method"), sig2=("@path");created=1;keyid="a"'),
    ).toBeUndefined();
    expect(parseSignatureInput('sig1=("@method");keyid="a"')).toBeUndefined();
    expect(parseSignature('sig1=abc')).toBeUndefined();
  });
});

describe('a device-signed request', () => {
  const key = newDeviceKey();
  const body = Buffer.from('{"v":1}');
  const now = 1_800_000_000_000;
  const signed = (overrides: Partial<Parameters<typeof signRequest>[1]> = {}) =>
    signRequest(key, {
      method: 'POST',
      authority: 'sync.example.org',
      url: '/v1/push?a=1',
      body,
      created: now / 1000,
      ...overrides,
    });
  const check = (
    headers: Record<string, string>,
    changes: { url?: string; body?: Buffer; at?: number; host?: string; hosts?: string[] } = {},
  ) =>
    verifyRequest(
      {
        method: 'POST',
        url: changes.url ?? '/v1/push?a=1',
        headers: { host: changes.host ?? 'sync.example.org', ...headers },
        body: changes.body ?? body,
      },
      changes.at ?? now,
      changes.hosts ? { authorities: changes.hosts } : {},
    );

  it('holds as signed (positive control)', () => {
    expect(check(signed())).toMatchObject({ ok: true, keyId: key.keyId });
  });
  it('is refused when the body, path or query was changed', () => {
    expect(check(signed(), { body: Buffer.from('{"v":2}') })).toMatchObject({
      ok: false,
      code: 'digest',
    });
    expect(check(signed(), { url: '/v1/pull?a=1' })).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
    expect(check(signed(), { url: '/v1/push?a=2' })).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
    const headers = signed();
    const forged = { ...headers, 'content-digest': contentDigest(Buffer.from('{"v":2}')) };
    expect(check(forged, { body: Buffer.from('{"v":2}') })).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
  });
  it('is refused outside ±60 s of the server clock, and held just inside', () => {
    expect(check(signed(), { at: now + 61_000 })).toMatchObject({ ok: false, code: 'clock' });
    expect(check(signed(), { at: now - 61_000 })).toMatchObject({ ok: false, code: 'clock' });
    expect(check(signed(), { at: now + 59_000 })).toMatchObject({ ok: true });
  });
  it('is refused when signed by another key than it names', () => {
    const other = newDeviceKey();
    const headers = signRequest(other, {
      method: 'POST',
      authority: 'sync.example.org',
      url: '/v1/push?a=1',
      body,
      created: now / 1000,
    });
    const lying = {
      ...headers,
      'signature-input': headers['signature-input']?.replace(other.keyId, key.keyId) ?? '',
    };
    expect(check(lying)).toMatchObject({ ok: false, code: 'bad-signature' });
  });
  it('is refused unsigned or missing a required component', () => {
    expect(check({})).toMatchObject({ ok: false, code: 'unsigned' });
    const headers = signed();
    for (const component of [' "@query"', ' "@authority"']) {
      const fewer = {
        ...headers,
        'signature-input': headers['signature-input']?.replace(component, '') ?? '',
      };
      expect(check(fewer)).toMatchObject({ ok: false, code: 'bad-signature' });
    }
  });
  it('covers @authority: sent to another host it does not hold; a server that knows its names refuses others', () => {
    expect(check(signed(), { host: 'other.example.org' })).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
    expect(check(signed(), { hosts: ['sync.example.org'] })).toMatchObject({ ok: true });
    const forOther = signed({ authority: 'other.example.org' });
    expect(
      check(forOther, { host: 'other.example.org', hosts: ['sync.example.org'] }),
    ).toMatchObject({ ok: false, code: 'wrong-server' });
  });
  it('checks the signature before the body: a forged request with a tampered body is a bad signature, never hashed first', () => {
    const forged = { ...signed(), signature: `sig1=:${Buffer.alloc(64).toString('base64')}:` };
    expect(check(forged, { body: Buffer.from('{"v":2}') })).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
  });
  it('takes only the canonical spelling of a key id', () => {
    expect(isCanonicalKeyId(key.keyId)).toBe(true);
    // The last of 43 characters carries 6 bits of which only the top 4 are the key's.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(key.keyId.slice(-1));
    const twin = `${key.keyId.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(twin, 'base64url').equals(Buffer.from(key.keyId, 'base64url'))).toBe(true);
    expect(isCanonicalKeyId(twin)).toBe(false);
    // Signed properly by the key itself under the other spelling: still refused.
    const respelled = signRequest(
      { ...key, keyId: twin },
      {
        method: 'POST',
        authority: 'sync.example.org',
        url: '/v1/push?a=1',
        body,
        created: now / 1000,
      },
    );
    expect(check(respelled)).toMatchObject({ ok: false, code: 'bad-signature' });
  });
});

describe('the signed path is the path as sent', () => {
  it('a path that would parse as another host and path does not verify as that path', () => {
    const key = newDeviceKey();
    const now = 1_800_000_000_000;
    const headers = signRequest(key, {
      method: 'GET',
      authority: 'localhost:8787',
      url: '/v1/changes',
      created: now / 1000,
    });
    const check = (url: string) =>
      verifyRequest(
        {
          method: 'GET',
          url,
          headers: { ...headers, host: 'localhost:8787' },
          body: Buffer.alloc(0),
        },
        now,
      );
    expect(check('/v1/changes')).toMatchObject({ ok: true });
    expect(check('//evil.example/v1/changes')).toMatchObject({ ok: false, code: 'bad-signature' });
    expect(check('/v1/changes?')).toMatchObject({ ok: true });
    expect(check('/v1/changes?since=1')).toMatchObject({ ok: false });
  });
});
