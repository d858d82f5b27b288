/**
 * Signs one protocol request as a device: what a sync client calls before every fetch.
 * Kept free of server code so the client package can take it as it is.
 */
import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import {
  contentDigest,
  queryComponent,
  REQUIRED_COMPONENTS,
  SIGNATURE_TAG,
  serializeSignatureParams,
  signatureBase,
  signBase,
} from './http-signature';

export interface DeviceKey {
  /** base64url of the raw 32-byte public key: the device's id on the server. */
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKeyRaw: Buffer;
}

export function newDeviceKey(): DeviceKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const raw = Buffer.from(jwk.x as string, 'base64url');
  return { keyId: raw.toString('base64url'), privateKey, publicKeyRaw: raw };
}

export interface RequestToSign {
  readonly method: string;
  /**
   * The server's host as the request's Host header carries it: lower case, with the port
   * only when it is not the scheme's default (`sync.example.org`, `localhost:8787`).
   */
  readonly authority: string;
  /** Path and query as sent, e.g. `/v1/changes?since=4`. */
  readonly url: string;
  readonly body?: Uint8Array;
  readonly created?: number;
  readonly nonce?: string;
}

export function signRequest(key: DeviceKey, request: RequestToSign): Record<string, string> {
  const body = request.body ?? new Uint8Array(0);
  const digest = contentDigest(body);
  const q = request.url.indexOf('?');
  const path = q < 0 ? request.url : request.url.slice(0, q);
  const search = q < 0 ? '' : request.url.slice(q);
  const params = {
    created: request.created ?? Math.floor(Date.now() / 1000),
    keyid: key.keyId,
    nonce: request.nonce ?? randomBytes(16).toString('base64url'),
    alg: 'ed25519',
    tag: SIGNATURE_TAG,
  };
  const serialized = serializeSignatureParams(REQUIRED_COMPONENTS, params);
  const base = signatureBase(
    [
      ['@method', request.method.toUpperCase()],
      ['@authority', request.authority.toLowerCase()],
      ['@path', path],
      ['@query', queryComponent(search)],
      ['content-digest', digest],
    ],
    serialized,
  );
  const signature = signBase(base, key.privateKey).toString('base64');
  return {
    'content-digest': digest,
    'signature-input': `sig1=${serialized}`,
    signature: `sig1=:${signature}:`,
  };
}
