import type { Store } from '@netlify/blobs';
import { claimLeads } from './blobs-claim.ts';
import { enqueueLead } from './blobs-enqueue.ts';
import { purgeDelivered } from './blobs-purge.ts';
import { redriveLeads } from './blobs-redrive.ts';
import { settleLead } from './blobs-settle.ts';
import { queueStatus } from './blobs-status.ts';
import { leadKeyFor } from './lead-id.ts';
import type { DeadLetter, LeadQueue } from './lead-queue.ts';
import { LEAD_QUEUE_NAME } from './lead-stores.ts';
import { closeRecord, deadLetterOf, nackRecord, releaseRecord } from './lead-record.ts';
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

/** The site's lead queue (`LEAD_QUEUE_NAME`) in `store`, on the real clock: what functions and scripts open. */
export const leadQueueIn = (store: Store): LeadQueue =>
  createBlobsLeadQueue({ store, name: LEAD_QUEUE_NAME, now: Date.now, random: Math.random });

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
    ack: (lead) =>
      settleLead(blobs, lead, async (record) => {
        // Indexed for the retention purge before the record closes, so no delivered record is missed.
        const settledAt = now();
        await blobs.addDone(leadKeyFor(lead.idempotencyKey), settledAt);
        return closeRecord(record, 'done', settledAt);
      }),
    nack: (lead, attempt, retryAt) =>
      settleLead(blobs, lead, (record) => nackRecord(record, attempt, retryAt)),
    deadLetter: (lead, attempt, reason) =>
      settleLead(blobs, lead, async (record) => {
        // The letter is written before the record closes: a crash in between redelivers, never loses.
        const deadAt = now();
        await blobs.writeDead(leadKeyFor(lead.idempotencyKey), deadLetterOf(record, attempt, reason, deadAt));
        return closeRecord(record, 'dead', deadAt);
      }),
    release: (lead, dueAt) => settleLead(blobs, lead, (record) => releaseRecord(record, dueAt)),
    redrive: (target) => redriveLeads(blobs, target, { now, random }),
    purgeDelivered: (before, limit) => purgeDelivered(blobs, before, limit),
    status: (at) => queueStatus(blobs, at),
    // Both read only the index's key list, never a lead blob.
    depth: async () => new Set((await blobs.listDue()).map((entry) => entry.leadKey)).size,
    async oldestAgeMs(at) {
      const oldest = (await blobs.listDue()).reduce(
        (min, entry) => Math.min(min, entry.receivedAt),
        Infinity,
      );
      return oldest === Infinity ? undefined : at - oldest;
    },
    async deadLetters() {
      // Two workers that both believed they held a lead can each give up on it: show its latest letter.
      const latest = new Map<string, DeadLetter>();
      for (const { leadKey, letter } of await blobs.listDead()) latest.set(leadKey, letter);
      return [...latest.values()].sort((a, b) => a.deadAt - b.deadAt);
    },
  };
}
