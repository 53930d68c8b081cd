import type { SqlClient } from '../db/sql-client.ts';
import type { DeliveryLog } from '../delivery/delivery-log.ts';
import type { ClaimedLead, LeadQueue } from '../queue/lead-queue.ts';
import { addressHash, addressesIn } from './address-hash.ts';
import { stopClaimedSql } from './privacy-sql.ts';

/** What the screen needs: the database, the tombstone secret, and where to say what it stopped. */
export interface ErasureScreenDeps {
  db: SqlClient;
  secret: string;
  /** One line per batch with stopped leads: ids and a count, never an address. */
  log: DeliveryLog;
}

/**
 * Delete, in one statement, the claimed leads an erasure covers (submitted before it, or an erased
 * submission's retry) and return the ids. Counted on their tombstone and logged by the caller.
 */
export async function stopErasedLeads(
  deps: ErasureScreenDeps,
  leads: readonly ClaimedLead[],
): Promise<Set<string>> {
  const hashed = leads.flatMap((lead) =>
    addressesIn(lead.payload).map((address) => [lead.id, addressHash(deps.secret, address)] as const),
  );
  const { rows } = await deps.db.query<{ id: string }>(stopClaimedSql, [
    leads.map((lead) => lead.id),
    [...new Set(leads.map((lead) => lead.leaseToken))],
    hashed.map(([id]) => id),
    hashed.map(([, hash]) => hash),
  ]);
  return new Set(rows.map((row) => row.id));
}

/**
 * The queue as the delivery worker sees it: every claimed batch passes the erasure screen (one
 * statement per batch, not per lead, and none in the intake), so nothing submitted before an
 * erasure reaches the CRM after it, whether it was queued, redriven, released or moved in later.
 */
export function withErasureScreen(queue: LeadQueue, deps: ErasureScreenDeps): LeadQueue {
  return {
    ...queue,
    async claim(limit, leaseMs) {
      const claimed = await queue.claim(limit, leaseMs);
      if (claimed.length === 0) return claimed;
      const stopped = await stopErasedLeads(deps, claimed);
      if (stopped.size === 0) return claimed;
      deps.log({ event: 'lead.erasure-stopped', leadIds: [...stopped], count: stopped.size });
      return claimed.filter((lead) => !stopped.has(lead.id));
    },
  };
}
