import type { ClaimedLead, LeadQueue } from '../../src/lib/queue/lead-queue.ts';

/** What one worker saw while draining: the ids it acknowledged and each round trip's duration. */
export interface WorkerDrain {
  ackedIds: string[];
  claimMs: number[];
  ackMs: number[];
}

/** Every id acked exactly once, none missing: duplicates are acks beyond the first, lost are loaded ids never acked. */
export function accountDrain(loadedIds: Iterable<string>, workers: readonly WorkerDrain[]) {
  const seen = new Map<string, number>();
  for (const worker of workers) for (const id of worker.ackedIds) seen.set(id, (seen.get(id) ?? 0) + 1);
  let acked = 0;
  let duplicates = 0;
  for (const times of seen.values()) {
    acked += times;
    duplicates += times - 1;
  }
  let loaded = 0;
  let lost = 0;
  for (const id of loadedIds) {
    loaded += 1;
    if (!seen.has(id)) lost += 1;
  }
  const unknown = [...seen.keys()].length - (loaded - lost);
  return { loaded, acked, duplicates, lost, unknown };
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * One worker's loop, as the delivery worker does it minus the CRM: claim(batch) → ackMany until a
 * claim comes back empty. `clock` is injected (performance.now in the bench).
 */
export async function drainWorker(
  queue: Pick<LeadQueue, 'claim' | 'ackMany'>,
  batch: number,
  clock: () => number,
  leaseMs = 300_000,
): Promise<WorkerDrain> {
  const drain: WorkerDrain = { ackedIds: [], claimMs: [], ackMs: [] };
  for (;;) {
    let started = clock();
    const claimed: ClaimedLead[] = await queue.claim(batch, leaseMs);
    drain.claimMs.push(clock() - started);
    if (claimed.length === 0) return drain;
    started = clock();
    await queue.ackMany(claimed);
    drain.ackMs.push(clock() - started);
    for (const lead of claimed) drain.ackedIds.push(lead.id);
  }
}
