/**
 * Settings from the environment, checked with zod. With none set, the server keeps SQLite
 * and chunk files under ./data and listens on localhost:8787.
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .optional()
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().default('localhost'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: flag,
  S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9_-]+\/)*$/, 'S3_PREFIX is folders ending in /')
    .default(''),
  OPEN_ENROLMENT: flag,
  TRUST_PROXY: z.string().optional(),
  ADDRESS_KEY: z.string().optional(),
  PUBLIC_AUTHORITY: z
    .string()
    .regex(
      /^[a-z0-9.-]+(:[0-9]{1,5})?(,[a-z0-9.-]+(:[0-9]{1,5})?)*$/,
      'PUBLIC_AUTHORITY is host names (with :port when not 443), comma-separated, in lower case',
    )
    .optional(),
  APP_ORIGINS: z
    .string()
    .regex(
      /^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?(,https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?)*$/,
      'APP_ORIGINS is the web app origins (https://host[:port]), comma-separated, in lower case, no path',
    )
    .default('http://localhost:8080'),
});

/**
 * What X-Forwarded-For to believe. Never "all of it": the leftmost entry is whatever the
 * client wrote, so trusting it lets anyone pick their own rate-limit bucket. A number is how
 * many proxies stand in front (the address is taken that many hops from the right); a list is
 * the proxies' own addresses or CIDR ranges.
 */
export type TrustProxy = false | number | string[];

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === '0' || text === 'false' || text === 'no') return false;
  if (/^[0-9]+$/.test(text)) return Number(text);
  if (text === 'true' || text === 'yes') {
    throw new Error(
      "The server's settings are not right: TRUST_PROXY: give the number of proxies in front (e.g. 1) or their addresses, not true.",
    );
  }
  const list = text.split(',').map((part) => part.trim());
  if (list.some((part) => !/^[0-9A-Fa-f:.]+(\/[0-9]{1,3})?$/.test(part))) {
    throw new Error(
      "The server's settings are not right: TRUST_PROXY: a number of hops or a comma-separated list of proxy addresses.",
    );
  }
  return list;
}

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly blobDir: string;
  /** Where the address-hash key is kept when ADDRESS_KEY is not set: beside the data. */
  readonly addressKeyFile: string;
  /** ADDRESS_KEY, checked (address-key.ts): the same on every process of one deployment. */
  readonly addressKey?: string;
  readonly s3?: {
    bucket: string;
    prefix: string;
    endpoint?: string;
    region: string;
    forcePathStyle: boolean;
    credentials?: { accessKeyId: string; secretAccessKey: string };
  };
  readonly openEnrolment: boolean;
  readonly trustProxy: TrustProxy;
  /** The host names clients sign requests for; others are refused (unset: any). */
  readonly authorities?: readonly string[];
  /** The web app origins a browser may call this server from (CORS). */
  readonly appOrigins: readonly string[];
}

export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(
      `The server's settings are not right: ${first?.path.join('.')}: ${first?.message}`,
    );
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const s3 = e.S3_BUCKET
    ? {
        bucket: e.S3_BUCKET,
        prefix: e.S3_PREFIX,
        region: e.S3_REGION,
        forcePathStyle: e.S3_FORCE_PATH_STYLE,
        ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
        ...(e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
          ? {
              credentials: {
                accessKeyId: e.S3_ACCESS_KEY_ID,
                secretAccessKey: e.S3_SECRET_ACCESS_KEY,
              },
            }
          : {}),
      }
    : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${join(dataDir, 'casebook.sqlite')}`,
    blobDir: join(dataDir, 'chunks'),
    addressKeyFile: join(dataDir, 'address.key'),
    ...(e.ADDRESS_KEY ? { addressKey: e.ADDRESS_KEY } : {}),
    ...(s3 ? { s3 } : {}),
    openEnrolment: e.OPEN_ENROLMENT,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    ...(e.PUBLIC_AUTHORITY ? { authorities: e.PUBLIC_AUTHORITY.split(',') } : {}),
    appOrigins: e.APP_ORIGINS.split(','),
  };
}
