import { dueEntryOf, sameEntry, type DueEntry } from './due-entry.ts';
import type { LeadRecord } from './lead-record.ts';
import type { QueueBlobs } from './queue-blobs.ts';

/**
 * Move a lead's index entry: add the new one before removing the old, so a crash in between leaves
 * a duplicate (skipped later) rather than a lead no index points to.
 */
export async function moveEntry(blobs: QueueBlobs, from: DueEntry, to: DueEntry): Promise<void> {
  await blobs.addDue(to);
  if (!sameEntry(from, to)) await blobs.removeDue(from);
}

/**
 * Drop an index entry that no longer matches its lead. When the lead is still queued its live
 * entry is (re)written first: a writer that died between writing the record and indexing it must
 * not have the only surviving entry deleted.
 */
export async function retireEntry(
  blobs: QueueBlobs,
  record: LeadRecord | undefined,
  entry: DueEntry,
): Promise<void> {
  if (record?.state !== 'queued') return blobs.removeDue(entry);
  await moveEntry(blobs, entry, dueEntryOf(entry.leadKey, record));
}
