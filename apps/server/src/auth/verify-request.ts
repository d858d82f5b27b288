/**
 * Checks a request's RFC 9421 signature the way the protocol requires: the five covered
 * components, ed25519, our tag, a canonical key id, `created` within ±60 s of the server's
 * clock, a signature that holds, and then a body that matches its Content-Digest. The cheap
 * checks come first and need only the headers (`checkSignature`, run before the body is
 * read), so a request nobody signed never costs a hash of its body; the digest is checked
 * once the body is in (`bodyMatchesDigest`). The nonce is spent by the caller, last.
 */
import {
  contentDigest,
  ed25519PublicKey,
  parseSignature,
  parseSignatureInput,
  queryComponent,
  REQUIRED_COMPONENTS,
  SIGNATURE_TAG,
  signatureBase,
  verifyBase,
} from '../protocol/http-signature';

export const CLOCK_SKEW_SECONDS = 60;
const KEY_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * The one spelling of a 32-byte key: 43 characters of base64url whose last one carries no
 * stray bits. Decoders ignore those bits, so without this one key would have four ids (four
 * enrolments, four sets of nonces).
 */
export function isCanonicalKeyId(keyId: string): boolean {
  if (!KEY_ID.test(keyId)) return false;
  const raw = Buffer.from(keyId, 'base64url');
  return raw.length === 32 && raw.toString('base64url') === keyId;
}
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

export interface SignedHeaders {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface IncomingRequest extends SignedHeaders {
  readonly body: Uint8Array;
}

export interface VerifyOptions {
  /**
   * The host names (with a port where it is not the default) this server answers to. When
   * set, a request signed for another `@authority` is refused: it was meant for another
   * server, and replaying it here must not work.
   */
  readonly authorities?: readonly string[];
}

export type Verdict =
  | {
      readonly ok: true;
      readonly keyId: string;
      readonly publicKey: Buffer;
      readonly nonce: string;
      readonly digest: string;
    }
  | { readonly ok: false; readonly code: string; readonly message: string };

function header(request: SignedHeaders, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? undefined : value;
}

const refuse = (code: string, message: string): Verdict => ({ ok: false, code, message });

/** The signature alone, from the headers: nothing here reads or hashes the body. */
export function checkSignature(
  request: SignedHeaders,
  nowMs: number,
  options: VerifyOptions = {},
): Verdict {
  const input = header(request, 'signature-input');
  const signature = header(request, 'signature');
  const digest = header(request, 'content-digest');
  if (!input || !signature || !digest) {
    return refuse('unsigned', 'This request is not signed by a device.');
  }
  const parsed = parseSignatureInput(input);
  const sig = parseSignature(signature);
  if (!parsed || !sig || sig.label !== parsed.label) {
    return refuse('bad-signature', 'This request’s signature cannot be read.');
  }
  const { params } = parsed;
  if (
    params.alg !== 'ed25519' ||
    params.tag !== SIGNATURE_TAG ||
    !isCanonicalKeyId(params.keyid) ||
    params.nonce === undefined ||
    !NONCE.test(params.nonce) ||
    !REQUIRED_COMPONENTS.every((c) => parsed.components.includes(c))
  ) {
    return refuse('bad-signature', 'This request is not signed the way this server needs.');
  }
  if (Math.abs(nowMs / 1000 - params.created) > CLOCK_SKEW_SECONDS) {
    return refuse(
      'clock',
      'This request was signed at a time too far from the server’s. Check the device’s clock.',
    );
  }
  const authority = header(request, 'host')?.trim().toLowerCase();
  if (options.authorities && (!authority || !options.authorities.includes(authority))) {
    return refuse('wrong-server', 'This request was signed for another server.');
  }
  // The path and query exactly as sent (RFC 9421 §2.2.6-7): split, never parsed as a URL, so
  // a path such as //host/v1/push cannot be read as a host and another path.
  const q = request.url.indexOf('?');
  const path = q < 0 ? request.url : request.url.slice(0, q);
  const search = q < 0 ? '' : request.url.slice(q);
  const values: [string, string][] = [];
  for (const name of parsed.components) {
    let value: string | undefined;
    if (name === '@method') value = request.method.toUpperCase();
    else if (name === '@authority') value = authority;
    else if (name === '@path') value = path;
    else if (name === '@query') value = queryComponent(search);
    else if (!name.startsWith('@')) value = header(request, name);
    if (value === undefined) {
      return refuse('bad-signature', 'This request signs a part it does not have.');
    }
    values.push([name, value.trim()]);
  }
  const publicKey = Buffer.from(params.keyid, 'base64url');
  let holds = false;
  try {
    holds = verifyBase(
      signatureBase(values, parsed.serialized),
      sig.bytes,
      ed25519PublicKey(publicKey),
    );
  } catch {
    holds = false;
  }
  if (!holds) return refuse('bad-signature', 'This request’s signature does not hold.');
  return { ok: true, keyId: params.keyid, publicKey, nonce: params.nonce, digest };
}

/** The body against the Content-Digest the signature covered: run once the body is in. */
export function bodyMatchesDigest(body: Uint8Array, digest: string): boolean {
  return contentDigest(body) === digest;
}

/** Both checks, signature first: what a caller with the whole request in hand uses. */
export function verifyRequest(
  request: IncomingRequest,
  nowMs: number,
  options: VerifyOptions = {},
): Verdict {
  const verdict = checkSignature(request, nowMs, options);
  if (!verdict.ok) return verdict;
  if (!bodyMatchesDigest(request.body, verdict.digest)) {
    return refuse('digest', 'The request’s body does not match its digest.');
  }
  return verdict;
}
