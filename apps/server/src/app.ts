/**
 * The HTTP application: body parsing that keeps the raw bytes (the signature covers them),
 * rate limits and signature checks before any route, calm errors, and the routes. It keeps
 * nothing between requests: every fact lives in the two storage ports, so any number of
 * processes can serve one database.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { DEFAULT_LIMITS, RateLimiter, type RateLimits, SWEEP_EVERY_MS } from './auth/rate-limit';
import { bodyMatchesDigest, checkSignature } from './auth/verify-request';
import type { BlobStore } from './blobs/blob-store';
import type { TrustProxy } from './config';
import { fail, type ServerContext, slowDown } from './context';
import { MetaStore } from './db/meta-store';
import type { Database } from './db/schema';
import { PROTOCOL_VERSION } from './protocol/schemas';
import { checkpointRoutes } from './routes/checkpoints';
import { identityRoutes } from './routes/identity';
import { syncRoutes } from './routes/sync';

export interface AppOptions {
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
  readonly now?: () => number;
  readonly limits?: Partial<RateLimits>;
  readonly openEnrolment?: boolean;
  /** Where log lines go (one JSON object a line); none when omitted. */
  readonly log?: { write(line: string): void };
  /** Hops or proxy addresses to believe X-Forwarded-For from (config.ts); never `true`. */
  readonly trustProxy?: TrustProxy;
  /**
   * The key of the per-address rate-limit hash, never kept in the database (address-key.ts).
   * Every process of one deployment needs the same one; without it, a random key per process.
   */
  readonly addressKey?: Buffer;
  /** How often a quiet server drops finished rate-limit windows (ms). */
  readonly sweepEveryMs?: number;
  /** The host names clients reach this server by; requests signed for others are refused. */
  readonly authorities?: readonly string[];
  /**
   * The web app's origins (`https://casebook.example.org`) that may call this server from a
   * browser (CORS). None: no browser app may. No credentials are ever allowed: every request
   * is signed by a device key, so there is no cookie to send.
   */
  readonly appOrigins?: readonly string[];
}

/** What a signed request sends beyond the CORS-safe headers (PROTOCOL.md, signatures). */
const CORS_HEADERS = 'content-type, content-digest, signature, signature-input';
const CORS_METHODS = 'GET, POST, PUT, DELETE';

const NONCE_KEEP_MS = 5 * 60_000;
const EMPTY = Buffer.alloc(0);

async function serverKeys(meta: MetaStore, now: number) {
  const signing = await meta.secret(
    'countersign-ed25519',
    () => {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      return {
        secret: privateKey.export({ format: 'der', type: 'pkcs8' }),
        publicKey: Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url'),
      };
    },
    now,
  );
  const serverKey = createPrivateKey({ key: signing.secret, format: 'der', type: 'pkcs8' });
  return {
    serverKey,
    serverPublicKey: Buffer.from(
      createPublicKey(serverKey).export({ format: 'jwk' }).x as string,
      'base64url',
    ),
  };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const now = options.now ?? Date.now;
  const meta = new MetaStore(options.db);
  const keys = await serverKeys(meta, now());
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const ctx: ServerContext = {
    meta,
    blobs: options.blobs,
    now,
    serverKey: keys.serverKey,
    serverPublicKey: keys.serverPublicKey,
    limiter: new RateLimiter(meta, options.addressKey ?? randomBytes(32)),
    limits,
    openEnrolment: options.openEnrolment ?? false,
  };

  const app = Fastify({
    bodyLimit: 256 * 1024,
    // Fastify takes a hop count at run time (proxy-addr), though its types leave numbers out.
    trustProxy: (options.trustProxy ?? false) as NonNullable<FastifyServerOptions['trustProxy']>,
    logger: options.log
      ? {
          level: 'info',
          base: null,
          stream: options.log,
          // Only the method, the route's pattern and the status: no address, no ids, no query.
          serializers: {
            req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unknown' }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
  });

  // A quiet server still drops finished windows' address hashes, and expired link packages,
  // within a minute.
  const sweeper = setInterval(() => {
    ctx.limiter.sweep(now()).catch(() => undefined);
    // Link packages outlive their code's ten minutes by at most one sweep.
    meta.forgetLinkPackagesBefore(now()).catch(() => undefined);
  }, options.sweepEveryMs ?? SWEEP_EVERY_MS);
  sweeper.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));

  // A body-less request (GET) signs the digest of no bytes.
  app.decorateRequest('rawBody', null as unknown as Buffer);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    request.rawBody = body as Buffer;
    try {
      done(null, JSON.parse((body as Buffer).toString('utf8')));
    } catch {
      done(Object.assign(new Error('bad json'), { statusCode: 400, code: 'BAD_JSON' }));
    }
  });
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer' },
    (request, body, done) => {
      request.rawBody = body as Buffer;
      done(null, undefined);
    },
  );

  // CORS for the web app's own origins only, first: a preflight is answered here, before any
  // rate limit or signature check (it carries no signature), and says nothing else.
  const appOrigins = new Set(options.appOrigins ?? []);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || !appOrigins.has(origin)) return undefined;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'origin');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      reply.header('access-control-allow-methods', CORS_METHODS);
      reply.header('access-control-allow-headers', CORS_HEADERS);
      reply.header('access-control-max-age', '600');
      await reply.code(204).send();
      return reply;
    }
    return undefined;
  });

  // Everything that needs only the headers, before the body is read: the rate limits, the
  // signature (over the Content-Digest header, not the body), the device. A request that
  // fails here never has its body read, parsed or hashed.
  const verifyOptions = options.authorities ? { authorities: options.authorities } : {};
  app.addHook('onRequest', async (request, reply) => {
    request.rawBody = EMPTY;
    const address = ctx.limiter.addressBucket('a', request.ip);
    if (!(await ctx.limiter.allow(address, limits.perAddress, now()))) {
      return slowDown(reply, 'Too many requests. Wait a minute and try again.', now());
    }
    const auth = request.routeOptions.config.auth ?? 'none';
    if (auth === 'none') return undefined;
    if (auth === 'key') {
      const bucket = ctx.limiter.addressBucket('c', request.ip);
      if (!(await ctx.limiter.allow(bucket, limits.codeAttemptsPerAddress, now()))) {
        return slowDown(reply, 'Too many tries. Wait a minute and try again.', now());
      }
    }
    const verdict = checkSignature(
      { method: request.method, url: request.url, headers: request.headers },
      now(),
      verifyOptions,
    );
    if (!verdict.ok) return fail(reply, 401, verdict.code, verdict.message);
    if (auth === 'device') {
      const device = await meta.device(verdict.keyId);
      if (!device)
        return fail(reply, 401, 'unknown-device', 'This device is not part of a casebook here.');
      if (device.removedAt !== null) {
        return fail(reply, 403, 'removed', 'This device has been removed from the casebook.');
      }
      if (!(await ctx.limiter.allow(`d:${device.keyId}`, limits.perDevice, now()))) {
        return slowDown(reply, 'Too many requests. Wait a minute and try again.', now());
      }
      request.device = device;
    }
    request.signed = { digest: verdict.digest, nonce: verdict.nonce };
    request.signer = { keyId: verdict.keyId, publicKey: verdict.publicKey };
    return undefined;
  });

  // After the body is read, before any route runs: the body against the signed digest, then
  // the nonce, last, so only a request that holds in full can spend one.
  app.addHook('preHandler', async (request, reply) => {
    const auth = request.routeOptions.config.auth ?? 'none';
    if (auth === 'none') return undefined;
    const signed = request.signed;
    const signer = request.signer;
    if (!signed || !signer) return fail(reply, 401, 'unsigned', 'This request is not signed.');
    if (!bodyMatchesDigest(request.rawBody, signed.digest)) {
      return fail(reply, 401, 'digest', 'The request’s body does not match its digest.');
    }
    if (!(await meta.rememberNonce(signer.keyId, signed.nonce, now()))) {
      return fail(reply, 401, 'replayed', 'This request was received before, so it was refused.');
    }
    if (Math.random() < 0.02) await meta.forgetNoncesBefore(now() - NONCE_KEEP_MS);
    return undefined;
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413)
      return fail(reply, 413, 'too-large', 'That is more than this server takes at once.');
    if (status === 415) return fail(reply, 415, 'bad-type', 'That kind of body is not taken here.');
    if (status >= 400 && status < 500)
      return fail(reply, status, 'bad-request', 'That request could not be read.');
    request.log.error({ code: error.code ?? 'unknown' }, 'request failed');
    return fail(reply, 500, 'server', 'Something went wrong on the server. Try again later.');
  });
  app.setNotFoundHandler((_request, reply) =>
    fail(reply, 404, 'not-found', 'There is nothing here.'),
  );

  app.get('/v1/info', async () => ({
    v: PROTOCOL_VERSION,
    protocols: [PROTOCOL_VERSION],
    serverKey: keys.serverPublicKey.toString('base64url'),
    openEnrolment: ctx.openEnrolment,
  }));
  identityRoutes(app, ctx);
  syncRoutes(app, ctx);
  checkpointRoutes(app, ctx);
  return app;
}
