import { vault } from '../data/vault';

/** Audio and video larger than this stream through the service worker instead of a Blob. */
export const STREAM_THRESHOLD = 32 * 1024 * 1024;

export interface EvidenceStream {
  readonly url: string;
  close(): void;
}

/**
 * The streams this page has open, by token. The service worker's own map dies whenever
 * Chromium stops it; it then asks the page to re-open a token it no longer knows, and only
 * a token still here (not closed, not locked) is re-opened.
 */
const open = new Map<string, { blobId: string; mediaType: string }>();
let answering = false;

/** A new port to the vault worker, reading one file's ranges. */
async function portTo(blobId: string): Promise<{ port: MessagePort; size: number }> {
  const channel = new MessageChannel();
  const { size } = await vault.callWithTransfer(
    'openStream',
    [channel.port1],
    blobId,
    channel.port1,
  );
  return { port: channel.port2, size };
}

function answerReopen(event: MessageEvent): void {
  const reply = event.ports[0];
  const token: unknown = event.data?.token;
  if (event.data?.type !== 'evidence-stream-reopen' || typeof token !== 'string' || !reply) return;
  const answer = (message: object, transfer: Transferable[] = []) => {
    reply.postMessage(message, transfer);
    reply.close();
  };
  const stream = open.get(token);
  if (!stream) {
    answer({ gone: true });
    return;
  }
  portTo(stream.blobId).then(
    ({ port, size }) => {
      // Closed or locked while the vault worker answered.
      if (open.get(token) === stream) answer({ size, mediaType: stream.mediaType }, [port]);
      else {
        port.close();
        answer({ gone: true });
      }
    },
    () => answer({ gone: true }),
  );
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
  const container = navigator.serviceWorker;
  const controller = container?.controller;
  if (!controller) return undefined;
  if (!answering) {
    container.addEventListener('message', answerReopen);
    answering = true;
  }
  const { port, size } = await portTo(blobId);
  const token = [...crypto.getRandomValues(new Uint8Array(16))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  open.set(token, { blobId, mediaType });
  controller.postMessage({ type: 'evidence-stream', token, size, mediaType }, [port]);
  // Messages keep the service worker (and the token it holds) alive while the viewer is open.
  const ping = setInterval(() => controller.postMessage({ type: 'evidence-stream-ping' }), 20_000);
  return {
    url: `/evidence-stream/${token}`,
    close() {
      clearInterval(ping);
      open.delete(token);
      controller.postMessage({ type: 'evidence-stream-end', token });
    },
  };
}

/** Lock and quick exit: every stream ends, here and in the service worker, and none re-opens. */
export function endAllStreams(): void {
  open.clear();
  navigator.serviceWorker?.controller?.postMessage({ type: 'evidence-stream-end-all' });
}
