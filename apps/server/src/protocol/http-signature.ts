/**
 * The exact subset of RFC 9421 (HTTP Message Signatures) and RFC 9530 (Content-Digest) that
 * the sync protocol uses: one signature, label `sig1`, algorithm ed25519, over derived
 * components and headers, with `created`, `keyid`, `nonce`, `alg` and `tag` parameters.
 * Written here rather than taken from npm because what npm has either pulls in a large
 * structured-fields stack or does not support Ed25519 with nonces; this is ~150 lines, tested
 * against the RFC's own Ed25519 example (B.2.6). No I/O beyond node:crypto.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';

export const SIGNATURE_TAG = 'casebook-sync-v1';
/** What every request of the protocol must cover. */
export const REQUIRED_COMPONENTS = [
  '@method',
  '@authority',
  '@path',
  '@query',
  'content-digest',
] as const;

export interface SignatureParams {
  readonly created: number;
  readonly keyid: string;
  readonly nonce?: string;
  readonly alg?: string;
  readonly tag?: string;
}

export interface ParsedSignatureInput {
  readonly label: string;
  readonly components: readonly string[];
  readonly params: SignatureParams;
  /** The inner list exactly as sent: it is the @signature-params line of the base. */
  readonly serialized: string;
}

/** `sha-256=:…:` for the bytes of a body (RFC 9530). */
export function contentDigest(body: Uint8Array): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

export function serializeSignatureParams(
  components: readonly string[],
  params: SignatureParams,
): string {
  let out = `(${components.map((c) => `"${c}"`).join(' ')});created=${params.created}`;
  out += `;keyid="${params.keyid}"`;
  if (params.nonce !== undefined) out += `;nonce="${params.nonce}"`;
  if (params.alg !== undefined) out += `;alg="${params.alg}"`;
  if (params.tag !== undefined) out += `;tag="${params.tag}"`;
  return out;
}

/** RFC 9421 §2.5: one line per covered component, then the @signature-params line. */
export function signatureBase(
  components: readonly (readonly [string, string])[],
  serializedParams: string,
): string {
  const lines = components.map(([name, value]) => {
    if (/[\r\n]/.test(value)) throw new RangeError('A signed value cannot hold a line break.');
    return `"${name}": ${value}`;
  });
  lines.push(`"@signature-params": ${serializedParams}`);
  return lines.join('\n');
}

const STRING = /^"([\x20-\x21\x23-\x5b\x5d-\x7e]*)"$/;
const INNER =
  /^([a-z*][a-z0-9_.*-]*)=(\((?:"[^"\\]*"(?: "[^"\\]*")*)?\)(?:;[a-z*][a-z0-9_.*-]*=(?:-?\d{1,15}|"[\x20-\x21\x23-\x5b\x5d-\x7e]*"))*)$/;

/** Parses `sig1=("@method" …);created=…;keyid="…"` — one signature, nothing else. */
export function parseSignatureInput(header: string): ParsedSignatureInput | undefined {
  const match = INNER.exec(header.trim());
  if (!match) return undefined;
  const label = match[1] as string;
  const serialized = match[2] as string;
  const close = serialized.indexOf(')');
  const list = serialized.slice(1, close);
  const components = list === '' ? [] : list.split(' ').map((c) => c.slice(1, -1));
  const params: Record<string, string | number> = {};
  for (const part of serialized
    .slice(close + 1)
    .split(';')
    .slice(1)) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq);
    const raw = part.slice(eq + 1);
    if (key in params) return undefined;
    const str = STRING.exec(raw);
    params[key] = str ? (str[1] as string) : Number(raw);
  }
  const { created, keyid, nonce, alg, tag } = params;
  if (typeof created !== 'number' || typeof keyid !== 'string') return undefined;
  for (const value of [nonce, alg, tag]) {
    if (value !== undefined && typeof value !== 'string') return undefined;
  }
  return {
    label,
    components,
    serialized,
    params: {
      created,
      keyid,
      ...(typeof nonce === 'string' ? { nonce } : {}),
      ...(typeof alg === 'string' ? { alg } : {}),
      ...(typeof tag === 'string' ? { tag } : {}),
    },
  };
}

/** Parses `sig1=:base64:` into its label and bytes. */
export function parseSignature(header: string): { label: string; bytes: Buffer } | undefined {
  const match = /^([a-z*][a-z0-9_.*-]*)=:([A-Za-z0-9+/]*={0,2}):$/.exec(header.trim());
  if (!match) return undefined;
  return { label: match[1] as string, bytes: Buffer.from(match[2] as string, 'base64') };
}

export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new RangeError('An Ed25519 public key is 32 bytes.');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });
}

export function signBase(base: string, privateKey: KeyObject): Buffer {
  return sign(null, Buffer.from(base, 'utf8'), privateKey);
}

export function verifyBase(base: string, signature: Uint8Array, publicKey: KeyObject): boolean {
  if (signature.length !== 64) return false;
  return verify(null, Buffer.from(base, 'utf8'), publicKey, signature);
}

export function privateKeyFromPem(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/** The value of `@query`: the query string with its `?`, or `?` alone (RFC 9421 §2.2.7). */
export function queryComponent(search: string): string {
  return search.startsWith('?') ? search : `?${search}`;
}
