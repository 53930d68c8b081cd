import type { LeadLane } from '../../schemas/delivery-lanes.ts';
import type { ClaimedLead, DeadLetter, DeliveryAttempt, SpamLead, SpamMark } from './lead-queue.ts';

/** A `leads` row as node-postgres and PGlite return it (timestamptz → Date, jsonb → parsed). */
export interface LeadRow {
  id: string;
  idempotency_key: string;
  received_at: Date;
  payload: Record<string, unknown> | null;
  attempts: DeliveryAttempt[];
  attempt_count: number;
  lease_token: string | null;
  lease_expires_at: Date | null;
  dead_reason: string | null;
  spam: SpamMark | null;
  settled_at: Date | null;
  /** Only in a claim's rows (lane-sql.ts). */
  lane?: LeadLane;
  group_key?: string;
  form_id?: string;
  confirmed_at?: Date | null;
  released_from_spam?: boolean;
}

const ms = (date: Date | null): number => (date ? date.getTime() : 0);

/** The worker's view of a row it just leased. */
export function claimedLeadOf(row: LeadRow): ClaimedLead {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    receivedAt: ms(row.received_at),
    payload: row.payload ?? {},
    leaseToken: row.lease_token ?? '',
    leaseExpiresAt: ms(row.lease_expires_at),
    attempt: row.attempt_count,
    attempts: row.attempts,
    ...(row.confirmed_at ? { confirmedAt: row.confirmed_at.getTime() } : {}),
    ...(row.released_from_spam ? { releasedFromSpam: true } : {}),
    ...(row.lane ? { flow: { lane: row.lane, group: row.group_key ?? '', formId: row.form_id ?? '' } } : {}),
  };
}

/** A dead letter with every attempt and the reason it was given up. */
export function deadLetterOf(row: LeadRow): DeadLetter {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    receivedAt: ms(row.received_at),
    payload: row.payload ?? {},
    attempts: row.attempts,
    reason: row.dead_reason ?? '',
    deadAt: ms(row.settled_at),
  };
}

/** A spam submission with why it was judged spam. */
export function spamLeadOf(row: LeadRow): SpamLead {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    receivedAt: ms(row.received_at),
    payload: row.payload ?? {},
    spam: row.spam ?? undefined,
  };
}
