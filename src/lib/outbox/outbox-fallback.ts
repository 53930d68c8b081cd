import { leadIdFor, leadKeyFor } from '../queue/lead-id.ts';
import type { LeadQueue } from '../queue/lead-queue.ts';
import { isDatabaseOutage } from './outage.ts';
import type { LeadOutbox } from './outbox-store.ts';

/**
 * The lead queue, with a second store behind it: when the database does not take a lead within
 * the intake's deadline (or the connection fails), the lead is written to the outbox (Netlify
 * Blobs) and accepted as usual, under the id the database will give it, since ids derive from the
 * receive time and the idempotency key. The mover (`moveOutbox`) imports it once the database is
 * back. If the outbox fails too, the database's error stands: the intake answers 503 as before.
 * A data error (the database refusing the lead) never goes to the outbox: it would fail again.
 */
export function withOutboxFallback(
  queue: LeadQueue,
  outbox: LeadOutbox,
  log: (line: string) => void = (line) => console.log(line),
): LeadQueue {
  return {
    ...queue,
    async enqueue(lead, spam) {
      try {
        return await queue.enqueue(lead, spam);
      } catch (error) {
        if (!isDatabaseOutage(error)) throw error;
        const key = leadKeyFor(lead.idempotencyKey);
        try {
          const earlier = await outbox.get(key);
          // A retry of a submission already in the outbox: the same answer, one entry.
          if (earlier) {
            const id = leadIdFor(earlier.lead.receivedAt, key);
            return { id, outcome: earlier.lead.fingerprint === lead.fingerprint ? 'duplicate' : 'conflict' };
          }
          await outbox.put(key, spam ? { lead, spam } : { lead });
        } catch {
          throw error;
        }
        log(JSON.stringify({ event: 'lead.outbox-write', key: key.slice(0, 12) }));
        return { id: leadIdFor(lead.receivedAt, key), outcome: 'created' };
      }
    },
  };
}
