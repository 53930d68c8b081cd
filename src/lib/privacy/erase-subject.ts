import { randomUUID } from 'node:crypto';
import { leadIdFor } from '../queue/lead-id.ts';
import { addressHash } from './address-hash.ts';
import type { SubjectDeps } from './export-subject.ts';
import { eraseSql } from './privacy-sql.ts';
import { readOutboxCopies } from './subject-outbox.ts';

/** Who asked for an erasure, as the tombstone and the log record it. */
export type ErasureSource = 'cli' | 'ops';

export interface ErasureResult {
  erasureId: string;
  erasedAt: string;
  /** Leads deleted, by state. */
  leads: Record<string, number>;
  /** Delivery attempts deleted with them. */
  attempts: number;
  /** Outbox copies deleted; `outboxLeft` could not be deleted now (the mover stops them later). */
  outbox: number;
  outboxLeft: number;
  /** Why the outbox was not read, if it was not (its copies are then stopped by the mover). */
  outboxNotRead?: string;
}

/**
 * Erase an address (normalised) everywhere: every lead holding it, in any state, with its attempts
 * and consent record, the tombstone and the `lead.erased` event in ONE statement, then its outbox
 * copies. The log line carries counts and the erasure id, never the address.
 */
export async function eraseSubject(
  deps: SubjectDeps & { source: ErasureSource; log: (line: Record<string, unknown>) => void },
  address: string,
): Promise<ErasureResult> {
  const read = await readOutboxCopies(deps.outbox, address);
  const copies = typeof read === 'string' ? [] : read;
  const erasedAt = deps.now();
  const erasureId = `erasure-${erasedAt.toString(36)}-${randomUUID().slice(0, 8)}`;
  // A derived key (no-JS post) is the visitor posting again, never a retry: only page-script keys are barred.
  const retryKeys = copies.filter((copy) => !copy.entry.lead.idempotencyKey.startsWith('derived-'));
  const { rows } = await deps.db.query<{ id: string; state: string; attempts: number }>(eraseSql, [
    address,
    erasureId,
    addressHash(deps.secret, address),
    new Date(erasedAt),
    retryKeys.map((copy) => copy.key),
    deps.source,
    copies.map((copy) => leadIdFor(copy.entry.lead.receivedAt, copy.key)),
  ]);
  let outboxLeft = 0;
  for (const copy of copies) await deps.outbox?.delete(copy.key).catch(() => (outboxLeft += 1));
  const leads: Record<string, number> = {};
  for (const row of rows) leads[row.state] = (leads[row.state] ?? 0) + 1;
  const result: ErasureResult = {
    erasureId,
    erasedAt: new Date(erasedAt).toISOString(),
    leads,
    attempts: rows.reduce((sum, row) => sum + row.attempts, 0),
    outbox: copies.length - outboxLeft,
    outboxLeft,
    ...(typeof read === 'string' ? { outboxNotRead: read } : {}),
  };
  deps.log({ event: 'privacy.erase', source: deps.source, ...result });
  return result;
}
