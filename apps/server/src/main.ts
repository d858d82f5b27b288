/**
 * `npm run server`: serves the sync protocol on http://localhost:8787 (SQLite and files
 * under ./data unless DATABASE_URL and S3_* say otherwise).
 * `npm run server -- invite [days]`: prints a one-time invite code to start a casebook.
 */
import { buildApp } from './app';
import { addressKeyFromFile, parseAddressKey } from './auth/address-key';
import { issueInvite } from './auth/invites';
import type { BlobStore } from './blobs/blob-store';
import { FsBlobStore } from './blobs/fs-blob-store';
import { S3BlobStore } from './blobs/s3-blob-store';
import { readConfig } from './config';
import { openDatabase } from './db/connect';
import { MetaStore } from './db/meta-store';

async function main(args: string[]) {
  const config = readConfig(process.env);
  const database = await openDatabase(config.databaseUrl);
  if (args[0] === 'invite') {
    const days = Number(args[1] ?? 14);
    const code = await issueInvite(new MetaStore(database.db), Date.now(), days);
    process.stdout.write(`Invite code (use once, within ${days} days): ${code}\n`);
    await database.close();
    return;
  }
  const blobs: BlobStore = config.s3
    ? new S3BlobStore({
        bucket: config.s3.bucket,
        prefix: config.s3.prefix,
        client: {
          region: config.s3.region,
          forcePathStyle: config.s3.forcePathStyle,
          ...(config.s3.endpoint ? { endpoint: config.s3.endpoint } : {}),
          ...(config.s3.credentials ? { credentials: config.s3.credentials } : {}),
        },
      })
    : new FsBlobStore(config.blobDir);
  const addressKey = config.addressKey
    ? parseAddressKey(config.addressKey)
    : await addressKeyFromFile(config.addressKeyFile);
  const app = await buildApp({
    db: database.db,
    addressKey,
    blobs,
    openEnrolment: config.openEnrolment,
    trustProxy: config.trustProxy,
    ...(config.authorities ? { authorities: config.authorities } : {}),
    appOrigins: config.appOrigins,
    log: process.stdout,
  });
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  const shown = config.host;
  process.stderr.write(
    `Casebook server on http://${shown}:${config.port} (${database.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${config.s3 ? 'S3' : 'files'})\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
