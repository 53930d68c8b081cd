import { dueEntryOf, sameEntry, type DueEntry } from './due-entry.ts';
import { moveEntry, retireEntry } from './index-repair.ts';
import type { ClaimedLead } from './lead-queue.ts';
import { claimedLead, claimRecord, holdsLease } from './lead-record.ts';
import type { QueueBlobs } from './queue-blobs.ts';
import { randomToken } from './random-token.ts';

/** What one claim call needs: the limit, the lease, the time it runs at and a random source. */
export interface ClaimOptions {
  limit: number;
  leaseMs: number;
  now: number;
  random: () => number;
}

/** Claim up to `limit` due leads, oldest first, reading records in parallel batches of what is still wanted. */
export async function claimLeads(blobs: QueueBlobs, options: ClaimOptions): Promise<ClaimedLead[]> {
  const due = (await blobs.listDue()).filter((entry) => entry.dueAt <= options.now);
  const claimed: ClaimedLead[] = [];
  const seen = new Set<string>();
  let next = 0;
  while (claimed.length < options.limit && next < due.length) {
    const batch: DueEntry[] = [];
    for (; next < due.length && batch.length < options.limit - claimed.length; next += 1) {
      const entry = due[next];
      // A lead can have two entries (a move interrupted by a crash or a race): handle it once per pass.
      if (entry && !seen.has(entry.leadKey)) batch.push(entry);
      if (entry) seen.add(entry.leadKey);
    }
    const results = await Promise.all(batch.map((entry) => claimEntry(blobs, entry, options)));
    claimed.push(...results.filter((lead) => lead !== undefined));
  }
  return claimed;
}

/**
 * Lease one lead: write the lease into the record, then read it back. Two workers racing on one
 * lead both write; usually the read-back shows one of them it lost, and when both still see their
 * own token the lead is delivered twice, which the delivery's Idempotency-Key makes harmless.
 */
async function claimEntry(
  blobs: QueueBlobs,
  entry: DueEntry,
  options: ClaimOptions,
  followed = false,
): Promise<ClaimedLead | undefined> {
  const record = await blobs.readLead(entry.leadKey);
  if (record?.state !== 'queued' || !sameEntry(dueEntryOf(entry.leadKey, record), entry)) {
    await retireEntry(blobs, record, entry);
    // This pass skips the lead's other entries, so if its live entry is due, claim through it now.
    const live = record?.state === 'queued' ? dueEntryOf(entry.leadKey, record) : undefined;
    return live && live.dueAt <= options.now && !followed
      ? claimEntry(blobs, live, options, true)
      : undefined;
  }
  const lease = { token: randomToken(options.random), expiresAt: options.now + options.leaseMs };
  const leased = claimRecord(record, lease.token, lease.expiresAt);
  await blobs.writeLead(entry.leadKey, leased);
  const stored = await blobs.readLead(entry.leadKey);
  if (!stored || !holdsLease(stored, lease.token)) return undefined;
  // Re-index at the lease's expiry: if this worker dies, the lead simply falls due again.
  await moveEntry(blobs, entry, dueEntryOf(entry.leadKey, leased));
  return claimedLead(leased, lease);
}
