/// <reference lib="webworker" />
import { type ExtractedMetadata, ExtractedMetadataSchema } from '@casebook/core';
import { NOTES } from '@casebook/importers';
import type { MetadataReply, MetadataRequest } from './metadata-protocol';

/** How long the metadata worker may take (start and parse) before the file goes in without. */
export const METADATA_TIMEOUT_MS = 10_000;

/** Shown when the metadata worker crashed, hung or answered nonsense. */
export const METADATA_UNREAD_NOTE =
  'Casebook could not read the camera information in this file, so none was recorded. The file itself is kept exactly as it is.';

export interface ReadMetadata {
  readonly metadata: ExtractedMetadata;
  readonly notes: string[];
}

const KNOWN_NOTES: ReadonlySet<string> = new Set(Object.values(NOTES));
const UNREAD: ReadMetadata = { metadata: {}, notes: [METADATA_UNREAD_NOTE] };

/** Keeps a reply only if it is what `extractMetadata` returns: the worker parsed hostile bytes. */
function checked(reply: MetadataReply | undefined): ReadMetadata {
  const metadata = ExtractedMetadataSchema.safeParse(reply?.metadata);
  const notes = reply?.notes;
  if (!metadata.success || !Array.isArray(notes)) return UNREAD;
  if (!notes.every((note) => typeof note === 'string' && KNOWN_NOTES.has(note))) return UNREAD;
  return { metadata: metadata.data, notes: [...notes] };
}

/**
 * Reads a file's metadata in a new metadata worker (exifr stays out of the vault worker),
 * which is ended after its one answer. A worker that cannot start, crashes, hangs past
 * METADATA_TIMEOUT_MS or is cancelled gives no metadata and a plain note, never an error.
 * `bytes` is transferred: the caller must not use it afterwards.
 */
export async function readMetadataOffThread(
  request: MetadataRequest,
  signal: AbortSignal,
): Promise<ReadMetadata> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./metadata.worker.ts', import.meta.url), {
      type: 'module',
      name: 'metadata',
    });
  } catch {
    return UNREAD;
  }
  let settle: (reply: MetadataReply | undefined) => void = () => undefined;
  const answered = new Promise<MetadataReply | undefined>((resolve) => {
    settle = resolve;
  });
  const fail = () => settle(undefined);
  const timer = setTimeout(fail, METADATA_TIMEOUT_MS);
  signal.addEventListener('abort', fail, { once: true });
  worker.onerror = (event: Event) => {
    // Handled here: otherwise the error travels up to the page as the vault worker's own.
    event.preventDefault();
    fail();
  };
  worker.onmessageerror = fail;
  worker.onmessage = (event: MessageEvent<MetadataReply>) => settle(event.data);
  try {
    worker.postMessage(request, [request.bytes.buffer as ArrayBuffer]);
    return checked(await answered);
  } catch {
    return UNREAD;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', fail);
    worker.terminate();
  }
}
