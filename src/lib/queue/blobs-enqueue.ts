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
  const record = newLeadRecord(lead, leadKey, deps.now(), randomToken(deps.random));
  if (!(await blobs.createLead(leadKey, record))) {
    const existing = await blobs.readLead(leadKey);
    if (existing) {
      if (existing.state === 'queued') await blobs.addDue(dueEntryOf(leadKey, existing));
      return { id: existing.id, duplicate: true };
    }
    // Gone between the two calls (a purge after retention): store it as the new lead it now is.
    await blobs.writeLead(leadKey, record);
  }
  // Racing enqueues of one key may all "create" (the local server's check is not atomic): the
  // last write wins, and there is one lead. The index entry follows the record, so a claimer
  // never finds an entry without its lead.
  await blobs.addDue(dueEntryOf(leadKey, record));
  // Answer with what is stored, so a racer that wrote first and was overwritten reports the survivor.
  const stored = (await blobs.readLead(leadKey)) ?? record;
  return { id: stored.id, duplicate: stored.writer !== record.writer };
}
