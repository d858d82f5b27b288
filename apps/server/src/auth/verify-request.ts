/**
 * Checks a request's RFC 9421 signature the way the protocol requires: the four covered
 * components, ed25519, our tag, `created` within ±60 s of the server's clock, a body that
 * matches its Content-Digest, and a nonce this key never used before (kept in the database,
 * so it holds across server processes). Returns the key id, or why the request is refused.
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
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

export interface IncomingRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

export type Verdict =
  | {
      readonly ok: true;
      readonly keyId: string;
      readonly publicKey: Buffer;
      readonly nonce: string;
    }
  | { readonly ok: false; readonly code: string; readonly message: string };

function header(request: IncomingRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? undefined : value;
}

const refuse = (code: string, message: string): Verdict => ({ ok: false, code, message });

export function verifyRequest(request: IncomingRequest, nowMs: number): Verdict {
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
    !KEY_ID.test(params.keyid) ||
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
  if (digest !== contentDigest(request.body)) {
    return refuse('digest', 'The request’s body does not match its digest.');
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
  return { ok: true, keyId: params.keyid, publicKey, nonce: params.nonce };
}
