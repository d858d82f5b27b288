/// <reference lib="webworker" />
/**
 * Camera information (exifr) from a file's leading bytes, on a thread that holds no keys and
 * nothing of the case: the bytes are untrusted, so a parser bug here reaches nothing else.
 * It gets one file's prefix and name, answers once, and the vault worker then ends it.
 */
import '../lib/zod-csp';
import { extractMetadata } from '@casebook/importers';
import type { MetadataReply, MetadataRequest } from './metadata-protocol';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<MetadataRequest>) => {
  const { bytes, name, lastModified } = event.data;
  const result = await extractMetadata(
    bytes,
    lastModified === undefined ? { name } : { name, lastModified },
  );
  self.postMessage({ metadata: result.metadata, notes: result.notes } satisfies MetadataReply);
};
