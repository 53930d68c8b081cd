import type { LeadLane } from '../../schemas/delivery-lanes.ts';

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
  /** SHA-256 of the submitted fields (`leadFingerprint`): the same key with other fields is a conflict. */
  fingerprint: string;
  /** Milliseconds since the epoch when the lead was accepted. */
  receivedAt: number;
  /** The validated lead and its context (fields, form, page, locale, UTM, consent, hashes). */
  payload: Record<string, unknown>;
  /** Where the lead waits for delivery (its form's lane, campaign and id); unset: `normal`, no group. */
  flow?: LeadFlow;
  /** Double opt-in: stored `unconfirmed` with its confirmation mail; queued once the link is clicked. */
  needsConfirmation?: boolean;
  /** Its form has a receipt mail in the lead's locale: the job is written with the lead (never for spam). */
  wantsReceipt?: boolean;
}

/** A lead's flow: the fair claim shares the pace between lanes, then groups, then forms (docs/delivery.md). */
export interface LeadFlow {
  lane: LeadLane;
  /** The campaign's key when the form belongs to one, else `form:<form id>`. */
  group: string;
  formId: string;
  /** The campaign's weight in its lane, from the launch ticket (1 when the ticket sets none); unset outside a campaign. */
  weight?: number;
  /** The campaign's cap on leads claimed per second, from the launch ticket; unset: no cap. */
  maxPerSecond?: number;
}

/** A lead claimed by a worker, with its lease and delivery history. */
export interface ClaimedLead extends Omit<QueuedLead, 'fingerprint'> {
  /** Opaque token proving this claim; ack/nack/deadLetter with a stale token are no-ops. */
  leaseToken: string;
  leaseExpiresAt: number;
  /** 1 for the first delivery attempt. */
  attempt: number;
  attempts: DeliveryAttempt[];
  /** When the visitor confirmed by the mailed link (double opt-in); unset for a checkbox sign-up. */
  confirmedAt?: number;
  /** A reviewer released it from spam (`leads:spam`): the CRM's consent record says so. */
  releasedFromSpam?: boolean;
}

export interface DeliveryAttempt {
  at: number;
  status: number | 'network-error' | 'timeout';
  error?: string;
}

export interface DeadLetter extends Omit<QueuedLead, 'fingerprint'> {
  attempts: DeliveryAttempt[];
  reason: string;
  deadAt: number;
}

/** Which dead letters to put back on the queue. */
export type RedriveTarget = { id: string } | 'all';

export interface RedriveResult {
  /** Ids put back on the queue, due at once with a fresh attempt count. */
  redriven: string[];
  /** Ids asked for that are not dead letters (never were, or already redriven): nothing to do. */
  notFound: string[];
}

/** What operators need to see, read from the queue's indexes without touching lead payloads. */
export interface QueueStatus {
  /** Leads not yet delivered or dead: waiting + retrying + in flight. */
  depth: number;
  /** Due now, waiting for a worker. */
  waiting: number;
  /** Failed at least once and waiting out their backoff. */
  retrying: number;
  /** Leased to a worker whose lease has not expired. */
  inFlight: number;
  oldestAgeMs: number | undefined;
  deadLetters: number;
  /** Submissions the spam checks kept apart: never delivered, releasable (`npm run leads:spam`). */
  spam: number;
  /** Double opt-in leads waiting for their link to be clicked (purged after LEADS_UNCONFIRMED_RETENTION_DAYS). */
  unconfirmed?: number;
  /** When the most recent delivery (within the retention window) was acknowledged. */
  lastDeliveredAt: number | undefined;
}

/**
 * `created`: stored now. `duplicate`: the key was seen with the same fields (a retry): the first
 * id. `conflict`: the key was seen with other fields: nothing stored or changed (the endpoint's 409).
 */
export interface EnqueueResult {
  /** The stored lead's id, or the original lead's id when the key was seen before. */
  id: string;
  outcome: 'created' | 'duplicate' | 'conflict';
  /**
   * The same statement reserved the drainer lease for this queued lead (no drainer was live): the
   * caller must start one, or give the reservation back (src/lib/delivery/drainer-kick.ts).
   */
  drainerReserved?: boolean;
}

/** Why the spam checks kept a submission apart. */
export interface SpamMark {
  /** The summed weights of the signals seen (docs/lead-capture.md). */
  score: number;
  /** The score from which a submission counts as spam, when it was judged. */
  threshold?: number;
  signals: string[];
}

/** A submission held as spam, for review. */
export interface SpamLead extends Omit<QueuedLead, 'fingerprint'> {
  spam: SpamMark | undefined;
}

export interface LeadQueue {
  /**
   * Store a lead durably, or with `spam` hold it apart as spam. Resolves only after the write is
   * durable; a repeated key returns the first id (or a conflict when the fields differ).
   */
  enqueue(lead: Omit<QueuedLead, 'id'>, spam?: SpamMark): Promise<EnqueueResult>;
  /**
   * Claim up to `limit` due leads, leased for `leaseMs`: shared between lanes and groups by their
   * shares (lane-sql.ts), oldest first within a flow; flows that are paused are skipped.
   */
  claim(limit: number, leaseMs: number): Promise<ClaimedLead[]>;
  /** The lead was delivered: remove it from the queue. */
  ack(lead: ClaimedLead): Promise<void>;
  /** Several leads were delivered: one statement for all (the worker's ack batches). Stale leases are skipped. */
  ackMany(leads: readonly ClaimedLead[]): Promise<void>;
  /** Delivery failed: make the lead due again at `retryAt`, recording the attempt. */
  nack(lead: ClaimedLead, attempt: DeliveryAttempt, retryAt: number): Promise<void>;
  /** Give up on the lead: move it to dead letters with every attempt and the reason. */
  deadLetter(lead: ClaimedLead, attempt: DeliveryAttempt, reason: string): Promise<void>;
  /** Hand an unattempted lead back (e.g. the circuit opened before it was sent): due at `dueAt`, no attempt recorded. */
  release(lead: ClaimedLead, dueAt: number): Promise<void>;
  /** Put dead letters back on the queue; repeating it, or running it while a worker drains, is harmless. */
  redrive(target: RedriveTarget): Promise<RedriveResult>;
  /**
   * Forget delivered leads acknowledged before `before` (their payload is already gone; this drops
   * the id, timestamps and outcome kept for the retention window). Deletes at most `limit`; returns how many.
   */
  purgeDelivered(before: number, limit: number): Promise<number>;
  /** Counts for operators (`leads:status`, `/api/leads/health`). */
  status(now: number): Promise<QueueStatus>;
  /** Leads waiting or in flight (not dead). */
  depth(): Promise<number>;
  /** Age in ms of the oldest lead not yet delivered, or undefined when empty. */
  oldestAgeMs(now: number): Promise<number | undefined>;
  /** Dead letters, oldest first (at most `limit`, default 1,000). */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  /** Spam, oldest first (at most `limit`, default 1,000). */
  spamLeads(limit?: number): Promise<SpamLead[]>;
  /** Release spam into the queue as leads, due at once; like redrive, repeating it is harmless. */
  releaseSpam(target: RedriveTarget): Promise<RedriveResult>;
  /** Forget spam received before `before` (its PII with it). Deletes at most `limit`; returns how many. */
  purgeSpam(before: number, limit: number): Promise<number>;
}
