/**
 * A byte stream pulled from an async iterator of text chunks: the next batch is read from the
 * database only when the client has taken the previous one (back-pressure, constant memory).
 */
export function textStream(chunks: AsyncIterator<string>, onDone?: () => Promise<void> | void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) {
        await onDone?.();
        controller.close();
      } else if (next.value) {
        controller.enqueue(encoder.encode(next.value));
      }
    },
    async cancel() {
      await chunks.return?.(undefined);
    },
  });
}

/** Maps batches of items into text chunks, with an optional first chunk. */
export async function* batchesToText<T>(batches: AsyncIterable<T[]>, render: (batch: T[], first: boolean) => string): AsyncGenerator<string> {
  let first = true;
  for await (const batch of batches) {
    yield render(batch, first);
    first = false;
  }
  if (first) yield render([], true);
}
