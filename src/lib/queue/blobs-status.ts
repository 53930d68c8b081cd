import type { DueEntry } from './due-entry.ts';
import type { QueueStatus } from './lead-queue.ts';
import type { QueueBlobs } from './queue-blobs.ts';

/** Queue counts from key lists alone: no lead record (and so no PII) is read. */
export async function queueStatus(blobs: QueueBlobs, now: number): Promise<QueueStatus> {
  const [due, deadKeys, lastDeliveredAt] = await Promise.all([
    blobs.listDue(),
    blobs.listDeadKeys(),
    lastDelivery(blobs),
  ]);
  // A lead can briefly have two entries (a move in progress); its latest entry says where it is.
  const latest = new Map<string, DueEntry>();
  for (const entry of due) {
    const seen = latest.get(entry.leadKey);
    if (!seen || entry.dueAt > seen.dueAt) latest.set(entry.leadKey, entry);
  }
  const counts = { waiting: 0, retrying: 0, inFlight: 0 };
  let oldest = Infinity;
  for (const entry of latest.values()) {
    oldest = Math.min(oldest, entry.receivedAt);
    if (entry.dueAt <= now) counts.waiting += 1;
    else if (entry.leased) counts.inFlight += 1;
    else counts.retrying += 1;
  }
  return {
    depth: latest.size,
    ...counts,
    oldestAgeMs: oldest === Infinity ? undefined : now - oldest,
    deadLetters: new Set(deadKeys.map((dead) => dead.leadKey)).size,
    lastDeliveredAt,
  };
}

async function lastDelivery(blobs: QueueBlobs): Promise<number | undefined> {
  // Newest bucket first; an emptied bucket (the local server keeps empty directories) is skipped.
  for (const hourStart of (await blobs.listDoneBuckets()).reverse()) {
    const done = await blobs.listDone(hourStart);
    if (done.length > 0) return done.reduce((max, entry) => Math.max(max, entry.at), 0);
  }
  return undefined;
}
