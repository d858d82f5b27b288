/** The sync client's `fetch` port over Node's own, with a time limit so a stalled server ends. */
import type { FetchLike } from '@casebook/sync';

const TIME_LIMIT_MS = 60_000;

export const nodeFetch: FetchLike = async (url, init) => {
  const answer = await fetch(url, {
    method: init.method,
    headers: init.headers,
    ...(init.body ? { body: init.body as Uint8Array<ArrayBuffer> } : {}),
    signal: AbortSignal.timeout(TIME_LIMIT_MS),
  });
  return {
    status: answer.status,
    arrayBuffer: () => answer.arrayBuffer(),
    // A chunk's answer is read only as far as a chunk can go (SyncClient.getChunk).
    body: answer.body as ReadableStream<Uint8Array> | null,
  };
};

/** `https://…`, or `http://` to this machine only (a server on a laptop); the origin, or why not. */
export function serverOrigin(
  text: string,
): { ok: true; origin: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      message: `"${text}" is not a server address. It looks like https://sync.example.org.`,
    };
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return {
      ok: false,
      message: `Use an https:// address for the server (plain http:// only for one on this computer). Nothing was sent.`,
    };
  }
  return { ok: true, origin: url.origin };
}
