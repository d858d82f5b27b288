import { vault } from '../data/vault';

/** Audio and video larger than this stream through the service worker instead of a Blob. */
export const STREAM_THRESHOLD = 32 * 1024 * 1024;

export interface EvidenceStream {
  readonly url: string;
  close(): void;
}

/**
 * A same-origin URL whose Range requests the service worker answers with just those bytes,
 * decrypted by the vault worker: a long video seeks without decrypting the whole file, and
 * nothing decrypted is held whole in memory or a Blob. Undefined when no service worker
 * controls the page (the caller falls back to a Blob).
 */
export async function openEvidenceStream(
  blobId: string,
  mediaType: string,
): Promise<EvidenceStream | undefined> {
  const controller = navigator.serviceWorker?.controller;
  if (!controller) return undefined;
  const channel = new MessageChannel();
  const { size } = await vault.callWithTransfer(
    'openStream',
    [channel.port1],
    blobId,
    channel.port1,
  );
  const token = [...crypto.getRandomValues(new Uint8Array(16))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  controller.postMessage({ type: 'evidence-stream', token, size, mediaType }, [channel.port2]);
  // Messages keep the service worker (and the token it holds) alive while the viewer is open.
  const ping = setInterval(() => controller.postMessage({ type: 'evidence-stream-ping' }), 20_000);
  return {
    url: `/evidence-stream/${token}`,
    close() {
      clearInterval(ping);
      controller.postMessage({ type: 'evidence-stream-end', token });
    },
  };
}
