/**
 * The vault worker's end of a streamed download (see /download/ in the service worker): each
 * `pull` on the port gets the next piece of the stream, about a mebibyte, transferred rather
 * than copied, or `done`. The service worker pulls only as fast as the browser writes to disk,
 * so the bundle is never held whole here either. `cancel` (the person cancelled the download)
 * cancels the stream, which stops the bundle being made.
 */
const PIECE = 1024 * 1024;

export function serveDownload(stream: ReadableStream<Uint8Array>, port: MessagePort): void {
  const reader = stream.getReader();
  let held: Uint8Array | undefined;
  let finished = false;

  async function piece(): Promise<Uint8Array | undefined> {
    const parts: Uint8Array[] = [];
    let size = 0;
    if (held) {
      parts.push(held);
      size += held.length;
      held = undefined;
    }
    while (size < PIECE && !finished) {
      const next = await reader.read();
      if (next.done) {
        finished = true;
        break;
      }
      parts.push(next.value);
      size += next.value.length;
    }
    if (size === 0) return undefined;
    const out = new Uint8Array(size);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  port.onmessage = (event: MessageEvent) => {
    const data = event.data as { type?: string } | undefined;
    if (data?.type === 'cancel') {
      void reader.cancel('The download was cancelled.').catch(() => undefined);
      port.close();
      return;
    }
    const reply = event.ports[0];
    if (data?.type !== 'pull' || !reply) return;
    piece().then(
      (bytes) => {
        if (bytes) reply.postMessage({ bytes }, [bytes.buffer]);
        else reply.postMessage({ done: true });
      },
      () => reply.postMessage({ error: 'The bundle could not be made.' }),
    );
  };
}
