import { leadIdFor } from './lead-id.ts';
import type { ClaimedLead, DeadLetter, DeliveryAttempt, QueuedLead } from './lead-queue.ts';

/** Where a lead is in its life. Done and dead records stay, so a repeated key still finds its id. */
export type LeadState = 'queued' | 'done' | 'dead';

/** What a queue stores per lead key; both adapters move it through the same pure transitions. */
export interface LeadRecord extends QueuedLead {
  state: LeadState;
  /** When the lead is next claimable: its enqueue time, a nack's `retryAt`, or its lease's expiry. */
  dueAt: number;
  attempts: DeliveryAttempt[];
  lease?: { token: string; expiresAt: number };
  /** Token of the enqueue that wrote the record, so a racing enqueue can tell it came second. */
  writer: string;
  /** When a done or dead record was closed: delivered records are purged a retention window later. */
  settledAt?: number;
}

/** A fresh record for an accepted lead, due at once. */
export function newLeadRecord(
  lead: Omit<QueuedLead, 'id'>,
  leadKey: string,
  dueAt: number,
  writer: string,
): LeadRecord {
  const id = leadIdFor(lead.receivedAt, leadKey);
  return { ...lead, id, state: 'queued', dueAt, attempts: [], writer };
}

/** True when `token` is the live lease on a queued record. */
export function holdsLease(record: LeadRecord, token: string): boolean {
  return record.state === 'queued' && record.lease?.token === token;
}

/** The record leased to one worker: due again when the lease expires, which is how redelivery happens. */
export function claimRecord(record: LeadRecord, token: string, expiresAt: number): LeadRecord {
  return { ...record, dueAt: expiresAt, lease: { token, expiresAt } };
}

/** The record after a failed delivery: lease released, attempt recorded, due at `retryAt`. */
export function nackRecord(record: LeadRecord, attempt: DeliveryAttempt, retryAt: number): LeadRecord {
  const { lease: _released, ...rest } = record;
  return { ...rest, dueAt: retryAt, attempts: [...record.attempts, attempt] };
}

/** The record handed back unattempted: lease released, due at `dueAt`, history unchanged. */
export function releaseRecord(record: LeadRecord, dueAt: number): LeadRecord {
  const { lease: _released, ...rest } = record;
  return { ...rest, dueAt };
}

/**
 * A delivered or dead record keeps only its identity, timestamps and outcome: the payload (PII) is
 * not kept longer than needed (a dead letter holds its own copy for redrive).
 */
export function closeRecord(record: LeadRecord, state: 'done' | 'dead', settledAt: number): LeadRecord {
  const { id, idempotencyKey, receivedAt, dueAt, writer } = record;
  return { id, idempotencyKey, receivedAt, payload: {}, state, dueAt, attempts: [], writer, settledAt };
}

/** A dead letter back on the queue: due at `dueAt` with a fresh attempt count, as if just accepted. */
export function redrivenRecord(letter: DeadLetter, dueAt: number, writer: string): LeadRecord {
  const { id, idempotencyKey, receivedAt, payload } = letter;
  return { id, idempotencyKey, receivedAt, payload, state: 'queued', dueAt, attempts: [], writer };
}

/** The worker's view of a record it leased. */
export function claimedLead(record: LeadRecord, lease: { token: string; expiresAt: number }): ClaimedLead {
  const { id, idempotencyKey, receivedAt, payload, attempts } = record;
  const leaseExpiresAt = lease.expiresAt;
  const attempt = attempts.length + 1;
  return {
    id,
    idempotencyKey,
    receivedAt,
    payload,
    leaseToken: lease.token,
    leaseExpiresAt,
    attempt,
    attempts: [...attempts],
  };
}

/** The dead letter for a record given up on, with every attempt including the last. */
export function deadLetterOf(
  record: LeadRecord,
  attempt: DeliveryAttempt,
  reason: string,
  deadAt: number,
): DeadLetter {
  const { id, idempotencyKey, receivedAt, payload } = record;
  const attempts = [...record.attempts, attempt];
  return { id, idempotencyKey, receivedAt, payload, attempts, reason, deadAt };
}
