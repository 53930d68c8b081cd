import type { SqlClient } from '../db/sql-client.ts';
import { leadKeyFor } from '../queue/lead-id.ts';
import type { QueuedLead } from '../queue/lead-queue.ts';
import { addressHash, addressesIn } from './address-hash.ts';
import { stopOutboxEntrySql } from './privacy-sql.ts';

/**
 * The outbox mover's screen: whether an erasure covers this outbox entry (its address erased after
 * it arrived, or its key erased). One statement; a covered entry is counted on its tombstone, and
 * the mover deletes it instead of importing it (its PII never re-enters the database).
 */
export const outboxErasureScreen =
  (deps: { db: SqlClient; secret: string }) =>
  async (lead: Omit<QueuedLead, 'id'>): Promise<string | undefined> => {
    const hashes = addressesIn(lead.payload).map((address) => addressHash(deps.secret, address));
    const { rows } = await deps.db.query<{ id: string }>(stopOutboxEntrySql, [
      hashes,
      new Date(lead.receivedAt),
      leadKeyFor(lead.idempotencyKey),
    ]);
    return rows[0]?.id;
  };
