import { dueEntryOf } from './due-entry.ts';
import { leadKeyFor } from './lead-id.ts';
import type { EnqueueResult, QueuedLead } from './lead-queue.ts';
import { newLeadRecord } from './lead-record.ts';
import type { QueueBlobs } from './queue-blobs.ts';
import { randomToken } from './random-token.ts';

/**
 * Store a lead, then index it; resolves only when both writes are done, rejects if either fails
 * (the page retries with the same key, which finds the record and repairs its index entry).
 */
export async function enqueueLead(
  blobs: QueueBlobs,
  lead: Omit<QueuedLead, 'id'>,
  deps: { now: () => number; random: () => number },
): Promise<EnqueueResult> {
  const leadKey = leadKeyFor(lead.idempotencyKey);
  const existing = await blobs.readLead(leadKey);
  if (existing) {
    if (existing.state === 'queued') await blobs.addDue(dueEntryOf(leadKey, existing));
    return { id: existing.id, duplicate: true };
  }
  const record = newLeadRecord(lead, leadKey, deps.now(), randomToken(deps.random));
  // Racing enqueues of one key all write this same blob: the last write wins, and there is one lead.
  await blobs.writeLead(leadKey, record);
  await blobs.addDue(dueEntryOf(leadKey, record));
  // Answer with what is stored, so a racer that wrote first and was overwritten reports the survivor.
  const stored = (await blobs.readLead(leadKey)) ?? record;
  return { id: stored.id, duplicate: stored.writer !== record.writer };
}
