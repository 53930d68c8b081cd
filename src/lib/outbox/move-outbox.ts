import type { LeadQueue } from '../queue/lead-queue.ts';
import type { LeadOutbox, OutboxEntry } from './outbox-store.ts';

/** What one run of the mover did. */
export interface OutboxMove {
  /** Imported into the queue now. */
  moved: number;
  /** Already in the queue (an earlier run stopped before deleting, or a retry reached the database): deleted. */
  duplicates: number;
  /** The same idempotency key is in the queue with other fields: kept in the outbox for an operator. */
  conflicts: number;
  /** Entries still in the outbox after this run (conflicts, and whatever the database did not take). */
  left: number;
  /** Submitted before an erasure of their address (or an erased retry): deleted, not imported (docs/privacy.md). */
  erased: number;
}

/**
 * Import the outbox into the queue, then delete each entry: exactly once, because the queue's
 * enqueue is idempotent (the idempotency key names one lead and its id; a repeat with the same
 * fingerprint is a duplicate). A mover stopped at any point (after the import, before the delete)
 * leaves an entry the next run finds already imported and deletes: nothing lost, nothing twice.
 * Several movers at once are as safe, for the same reason. Stops at the first database failure.
 */
export async function moveOutbox(deps: {
  outbox: LeadOutbox;
  queue: Pick<LeadQueue, 'enqueue'>;
  log?: (line: string) => void;
  /** The erasure covering a lead, if any (src/lib/privacy/outbox-screen.ts). */
  erasureOf?: (lead: OutboxEntry['lead']) => Promise<string | undefined>;
}): Promise<OutboxMove> {
  const result: OutboxMove = { moved: 0, duplicates: 0, conflicts: 0, left: 0, erased: 0 };
  const keys = await deps.outbox.keys();
  for (const [index, key] of keys.entries()) {
    const entry = await deps.outbox.get(key);
    if (!entry) continue; // another mover took it
    let outcome;
    try {
      if (await deps.erasureOf?.(entry.lead)) {
        await deps.outbox.delete(key);
        result.erased += 1;
        continue;
      }
      ({ outcome } = await deps.queue.enqueue(entry.lead, entry.spam));
    } catch {
      // The database is still away: the rest waits for the next run.
      result.left += keys.length - index;
      break;
    }
    if (outcome === 'conflict') {
      result.conflicts += 1;
      result.left += 1;
      continue;
    }
    await deps.outbox.delete(key);
    result[outcome === 'created' ? 'moved' : 'duplicates'] += 1;
  }
  if (keys.length > 0) deps.log?.(JSON.stringify({ event: 'lead.outbox-move', ...result }));
  return result;
}
