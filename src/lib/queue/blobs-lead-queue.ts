import type { Store } from '@netlify/blobs';
import { claimLeads } from './blobs-claim.ts';
import { enqueueLead } from './blobs-enqueue.ts';
import { settleLead } from './blobs-settle.ts';
import { leadKeyFor } from './lead-id.ts';
import type { LeadQueue } from './lead-queue.ts';
import { closeRecord, deadLetterOf, nackRecord } from './lead-record.ts';
import { queueBlobs } from './queue-blobs.ts';

/** Dependencies of the Netlify Blobs queue. */
export interface BlobsLeadQueueOptions {
  /** From `getStore({ name, consistency: 'strong', ... })`: claims read back their own writes. */
  store: Store;
  now: () => number;
  random: () => number;
  /** Prefix of every key, so several queues (leads, spam) can share one store. */
  name: string;
}

/**
 * A `LeadQueue` on Netlify Blobs. Correctness never rests on conditional writes (not atomic on the
 * local server): one blob per idempotency key makes duplicate enqueues harmless, and leases read
 * back their own write, so a race costs at most a repeated delivery, never a lost lead.
 */
export function createBlobsLeadQueue({ store, now, random, name }: BlobsLeadQueueOptions): LeadQueue {
  const blobs = queueBlobs(store, name);
  return {
    enqueue: (lead) => enqueueLead(blobs, lead, { now, random }),
    claim: (limit, leaseMs) => claimLeads(blobs, { limit, leaseMs, now: now(), random }),
    ack: (lead) => settleLead(blobs, lead, (record) => closeRecord(record, 'done')),
    nack: (lead, attempt, retryAt) =>
      settleLead(blobs, lead, (record) => nackRecord(record, attempt, retryAt)),
    deadLetter: (lead, attempt, reason) =>
      settleLead(blobs, lead, async (record) => {
        // The letter is written before the record closes: a crash in between redelivers, never loses.
        await blobs.writeDead(leadKeyFor(lead.idempotencyKey), deadLetterOf(record, attempt, reason, now()));
        return closeRecord(record, 'dead');
      }),
    // Both read only the index's key list, never a lead blob.
    depth: async () => new Set((await blobs.listDue()).map((entry) => entry.leadKey)).size,
    async oldestAgeMs(at) {
      const oldest = (await blobs.listDue()).reduce(
        (min, entry) => Math.min(min, entry.receivedAt),
        Infinity,
      );
      return oldest === Infinity ? undefined : at - oldest;
    },
    deadLetters: () => blobs.listDead(),
  };
}
