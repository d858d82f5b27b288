/** A device talking to an in-process server through inject(), signing every request. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { signRemoval } from '../src/protocol/removal-proof';
import { type DeviceKey, newDeviceKey, signRequest } from '../src/protocol/sign-request';

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and check them
  json: any;
  raw: Buffer;
}

/** The host every in-process request is sent to, and so signed for. */
export const TEST_AUTHORITY = 'casebook.test';

export class TestDevice {
  /**
   * The casebook identity this device's vault would hold: sent at enrolment when a test's
   * body leaves it out, and what signs a removal proof.
   */
  readonly identity: DeviceKey = newDeviceKey();

  constructor(
    private readonly app: FastifyInstance,
    private readonly clock: () => number = Date.now,
    readonly key: DeviceKey = newDeviceKey(),
  ) {}

  /** A proof, by this device's casebook identity, that removes `device` from `space`. */
  removalProof(space: string, device: string): string {
    return signRemoval(this.identity.privateKey, space, device);
  }

  async send(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    options: {
      raw?: boolean;
      headers?: Record<string, string>;
      authority?: string;
      created?: number;
      nonce?: string;
    } = {},
  ): Promise<Answer> {
    if (
      url === '/v1/enrol' &&
      typeof body === 'object' &&
      body !== null &&
      !Buffer.isBuffer(body) &&
      !('identity' in body)
    ) {
      body = { ...body, identity: this.identity.keyId };
    }
    const bytes =
      body === undefined
        ? Buffer.alloc(0)
        : Buffer.isBuffer(body)
          ? body
          : Buffer.from(JSON.stringify(body));
    const headers = {
      host: TEST_AUTHORITY,
      ...signRequest(this.key, {
        method,
        authority: options.authority ?? TEST_AUTHORITY,
        url,
        body: bytes,
        created: options.created ?? Math.floor(this.clock() / 1000),
        ...(options.nonce ? { nonce: options.nonce } : {}),
      }),
      ...(body === undefined
        ? {}
        : {
            'content-type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json',
          }),
      ...options.headers,
    };
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body === undefined ? {} : { payload: bytes }),
    });
    let json: unknown;
    try {
      json = res.json();
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, json, raw: res.rawPayload };
  }
}

export const randomId = () => randomBytes(16).toString('base64url');

/** A padded envelope of `size` bytes (a multiple of 256), here random as ciphertext is. */
export function envelope(size = 256, bytes?: Buffer) {
  const data = Buffer.alloc(size);
  (bytes ?? randomBytes(size)).copy(data);
  return { id: randomId(), data: data.toString('base64') };
}
