/** A request body read up to a limit: its bytes, or why not. */
export type CappedBody = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'unreadable' };

/**
 * Read `body` while it stays within `limit` bytes, stopping at the first chunk that crosses it, so
 * a 60 MB (or endless) chunked upload costs `limit` bytes of memory, not its size. The rest is
 * left unread rather than cancelled: cancelling a Node request stream destroys its socket, and the
 * sender would never see the 413 (the server closes the connection after answering instead).
 * A body the client abandoned mid-stream is `unreadable`.
 */
export async function readCappedBody(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<CappedBody> {
  if (!body) return { ok: true, bytes: new Uint8Array() };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { ok: true, bytes: Buffer.concat(chunks, size) };
      size += value.byteLength;
      if (size > limit) {
        reader.releaseLock();
        return { ok: false, reason: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}
