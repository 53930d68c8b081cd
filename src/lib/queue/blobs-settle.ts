import { dueEntryOf, type DueEntry } from './due-entry.ts';
import { moveEntry, retireEntry } from './index-repair.ts';
import { leadKeyFor } from './lead-id.ts';
import type { ClaimedLead } from './lead-queue.ts';
import { holdsLease, type LeadRecord } from './lead-record.ts';
import type { QueueBlobs } from './queue-blobs.ts';

/**
 * Apply a worker's verdict (ack, nack, dead letter) to a lead it claimed. With a stale lease token
 * the record is left alone, since a newer claim owns it, and only the index entry this claim
 * added is tidied away.
 */
export async function settleLead(
  blobs: QueueBlobs,
  lead: ClaimedLead,
  change: (record: LeadRecord) => Promise<LeadRecord> | LeadRecord,
): Promise<void> {
  const leadKey = leadKeyFor(lead.idempotencyKey);
  const { leaseExpiresAt: dueAt, receivedAt } = lead;
  const claimedEntry: DueEntry = { dueAt, receivedAt, leadKey, leased: true };
  const record = await blobs.readLead(leadKey);
  if (!record || !holdsLease(record, lead.leaseToken)) return retireEntry(blobs, record, claimedEntry);
  const next = await change(record);
  await blobs.writeLead(leadKey, next);
  if (next.state === 'queued') return moveEntry(blobs, claimedEntry, dueEntryOf(leadKey, next));
  await blobs.removeDue(claimedEntry);
}
