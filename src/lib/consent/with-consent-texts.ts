import type { LeadQueue } from '../queue/lead-queue.ts';

/**
 * The same queue, but the first enqueue of the instance waits until this deploy's consent texts
 * are stored (one statement per instance, never per lead: later enqueues find it done). So every
 * version a lead of this deploy carries resolves before any drainer, old or new, can deliver it.
 * A failed store never refuses the lead: it is logged and retried with the next one.
 */
export function withConsentTexts(queue: LeadQueue, keeper: { ensure(): Promise<void> }): LeadQueue {
  return {
    ...queue,
    async enqueue(lead, spam) {
      await keeper.ensure();
      return queue.enqueue(lead, spam);
    },
  };
}
