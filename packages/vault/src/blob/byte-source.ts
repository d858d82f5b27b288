/** Bytes that arrive in pieces: a Web stream (File.stream(), fetch) or any async iterable. */
export type ByteSource =
  | AsyncIterable<Uint8Array>
  | Iterable<Uint8Array>
  | ReadableStream<Uint8Array>;

/**
 * Iterates a byte source piece by piece. Web streams are read through a reader, since
 * Safari's ReadableStream is not async iterable; leaving early cancels the stream.
 */
export async function* readPieces(source: ByteSource): AsyncGenerator<Uint8Array, void, undefined> {
  if (!isReadableStream(source)) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Cancelling releases the underlying file or socket; not awaited, as a stalled source may never answer.
    if (!finished) reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function isReadableStream(source: ByteSource): source is ReadableStream<Uint8Array> {
  return 'getReader' in source && typeof source.getReader === 'function';
}
