import type { LeadQueue } from './lead-queue.ts';

/** The store did not confirm a write within the lead endpoint's deadline. */
export class EnqueueTimeoutError extends Error {
  override name = 'EnqueueTimeoutError';
}

/**
 * The same queue, but an enqueue that has not been confirmed after `timeoutMs` rejects (the
 * endpoint then answers 503 and the page retries with the same idempotency key). A database that
 * accepts connections and never answers would otherwise keep a visitor staring at a spinner.
 * A write that lands after the deadline is harmless: the retry finds it by its key.
 */
export function withEnqueueDeadline(queue: LeadQueue, timeoutMs: number): LeadQueue {
  return {
    ...queue,
    async enqueue(lead, spam) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new EnqueueTimeoutError(`enqueue not confirmed within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      try {
        return await Promise.race([queue.enqueue(lead, spam), deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
