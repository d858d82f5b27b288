/** One server over chosen engines, for the flow suites. */
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../src/app';
import type { BlobStore } from '../src/blobs/blob-store';
import type { OpenDatabase } from '../src/db/connect';
import { type BlobEngine, type Engine, type MetaEngine, openBlobs, openMeta } from './engines';

export interface Harness {
  app: FastifyInstance;
  meta: Engine<OpenDatabase>;
  blobs: Engine<BlobStore>;
  logs: string[];
  close(): Promise<void>;
}

export async function startServer(
  metaEngine: MetaEngine,
  blobEngine: BlobEngine,
  options: Partial<AppOptions> = {},
): Promise<Harness> {
  const meta = await openMeta(metaEngine);
  const blobs = await openBlobs(blobEngine);
  const logs: string[] = [];
  const app = await buildApp({
    db: meta.value.db,
    blobs: blobs.value,
    log: { write: (line: string) => void logs.push(line) },
    ...options,
  });
  return {
    app,
    meta,
    blobs,
    logs,
    async close() {
      await app.close();
      await blobs.close();
      await meta.close();
    },
  };
}
