/**
 * The durable lead queue: the only thing the lead function writes to and the only thing the
 * delivery worker reads from. Delivery is at-least-once; ids and idempotency keys make repeats
 * harmless at both ends.
 */

/** What the lead function stores for one accepted lead. PII lives only in `payload`. */
export interface QueuedLead {
  /** Time-ordered, unique id (sortable: an older lead sorts first). */
  id: string;
  /** The idempotency key the form sent; one key never makes two leads. */
  idempotencyKey: string;
  /** Milliseconds since the epoch when the lead was accepted. */
  receivedAt: number;
  /** The validated lead and its context (fields, form, page, locale, UTM, consent, hashes). */
  payload: Record<string, unknown>;
}

/** A lead claimed by a worker, with its lease and delivery history. */
export interface ClaimedLead extends QueuedLead {
  /** Opaque token proving this claim; ack/nack/deadLetter with a stale token are no-ops. */
  leaseToken: string;
  leaseExpiresAt: number;
  /** 1 for the first delivery attempt. */
  attempt: number;
  attempts: DeliveryAttempt[];
}

export interface DeliveryAttempt {
  at: number;
  status: number | 'network-error' | 'timeout';
  error?: string;
}

export interface DeadLetter extends QueuedLead {
  attempts: DeliveryAttempt[];
  reason: string;
  deadAt: number;
}

export interface EnqueueResult {
  /** The stored lead's id, or the original lead's id when the key was seen before. */
  id: string;
  duplicate: boolean;
}

export interface LeadQueue {
  /** Store a lead durably. Resolves only after the write is durable; a repeated key returns the first id. */
  enqueue(lead: Omit<QueuedLead, 'id'>): Promise<EnqueueResult>;
  /** Claim up to `limit` due leads, oldest first, leased for `leaseMs`. */
  claim(limit: number, leaseMs: number): Promise<ClaimedLead[]>;
  /** The lead was delivered: remove it from the queue. */
  ack(lead: ClaimedLead): Promise<void>;
  /** Delivery failed: make the lead due again at `retryAt`, recording the attempt. */
  nack(lead: ClaimedLead, attempt: DeliveryAttempt, retryAt: number): Promise<void>;
  /** Give up on the lead: move it to dead letters with every attempt and the reason. */
  deadLetter(lead: ClaimedLead, attempt: DeliveryAttempt, reason: string): Promise<void>;
  /** Leads waiting or in flight (not dead). */
  depth(): Promise<number>;
  /** Age in ms of the oldest lead not yet delivered, or undefined when empty. */
  oldestAgeMs(now: number): Promise<number | undefined>;
  /** Dead letters, oldest first. */
  deadLetters(): Promise<DeadLetter[]>;
}
