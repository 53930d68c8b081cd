/**
 * Every statement the lead queue runs, in one place. Each is a single statement on one index of
 * `leads` (netlify/database/migrations/0001_leads.sql), so its cost does not grow with the backlog
 * and no application-level protocol is needed between workers: Postgres' row locks
 * (`FOR UPDATE SKIP LOCKED`) and unique constraints do the coordinating. Times are parameters from
 * the caller's clock, never the database's `now()`, so tests run on an injected clock.
 */

/**
 * The intake's one round trip: store a lead, or find the one already stored under its key, and,
 * for a queued lead when $8 is given, reserve the drainer lease until $8 if no drainer is live and
 * no pause holds the lead's lane, campaign or form (the caller then starts it;
 * src/lib/delivery/drainer-kick.ts). Parameters: $1 id, $2 key, $3 fingerprint, $4 state, $5
 * received at (also "now" for the lease), $6 payload, $7 spam mark, $8 reservation end or NULL,
 * $9–$11 the lead's lane, group and form (lane-sql.ts), which the fair claim shares the pace by,
 * and $12–$13 its campaign's weight and cap per second from the launch ticket (NULL, NULL for a
 * form outside any campaign), written to `lead_groups` only when the stored row is missing or
 * differs, so an unchanged ticket costs one primary-key probe and no write; $14 whether the lead
 * gets a receipt mail (below).
 *
 * `DO NOTHING` fires no update trigger (`DO UPDATE` did, for nothing, on every insert) and takes no
 * row lock on a repeat. The stored row of a repeat is read in the same statement; only when a racing
 * enqueue of the same key committed after this statement's snapshot does it come back empty, and
 * the caller runs it again (its conflict is then visible).
 *
 * The statement is the body of the database function `floodgate_enqueue_lead` (migration
 * 0105_enqueue_function.sql, its only source): PL/pgSQL caches its plan per session, through any
 * pooler and on the emulation, where an unnamed statement was planned again for every lead. A change
 * of the statement is a new migration with `CREATE OR REPLACE FUNCTION` (never an edit of 0105).
 *
 * A replay (the key stored with the same fingerprint: a client's retry, answered from the stored
 * lead) is counted in `ops_minute.replayed` by the `replayed` CTE (migration 0090), for the campaign
 * report's duplicates; a 409 (another fingerprint) is counted with the refusals instead. For a new
 * lead that CTE finds no stored row and writes nothing.
 *
 * Double opt-in ($4 `unconfirmed`): the lead is stored undue (settled at its arrival, for the
 * retention purge) and its confirmation mail job is written by the same statement (`mailed`), so
 * the intake still makes one round trip and never waits on mail; the drainer is reserved for it
 * too, since the worker sends the mail.
 *
 * Receipts ($14 true: the form has receipt texts for the lead's locale): a queued lead's receipt
 * job is written `pending` by the same statement; an unconfirmed lead's `waiting`, made pending by
 * the confirmation (confirm-sql.ts); a spam lead gets none (its spam mark says `receipt`, and its
 * release writes the job). The drainer is reserved for a queued lead with a receipt even in a
 * paused lane, since the worker sends the mail whatever is paused.
 */
export const enqueueSql = `SELECT id, fingerprint, inserted, drainer_reserved
FROM floodgate_enqueue_lead($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;

// The claim (leases shared between lanes, groups and forms) is in lane-sql.ts: `claimFairSql`.

/**
 * Delivered, several at once: ids $1 with their lease tokens $2 (parallel arrays), settled at $3.
 * The payload (PII) goes at once, but for what a pending receipt needs (its address, locale and
 * form; the mail worker clears it once the receipt is sent or dead, src/lib/doi/mail-sql.ts
 * `clearReceiptPayloadSql`); id, key and outcome stay for the retention window. The pending
 * receipts of the leads being acked are locked first: a receipt the mail worker is settling right
 * now is waited for and then read as settled (READ COMMITTED re-reads a locked row), so the ack
 * never keeps an address for a receipt that was sent meanwhile, and the worker's clear, which runs
 * after its settle commits, always sees a delivered lead. Only `lead_mails_pkey` rows are touched: a
 * lead without a receipt costs one index probe. Returns `acked`, how many leases were still held.
 *
 * The statement is the body of the database function `floodgate_ack_leads` (migration
 * 0110_claim_ack_functions.sql, its only source): its plan is cached per session, as the claim's
 * (lane-sql.ts `claimFairSql`). A change is a new migration with `CREATE OR REPLACE FUNCTION`.
 */
export const ackManySql = `SELECT floodgate_ack_leads($1::text[], $2::text[], $3) AS acked`;

/** Delivered, one lead: $1 id, $2 lease token, settled at $3 (the same function as `ackManySql`). */
export const ackSql = `SELECT floodgate_ack_leads(ARRAY[$1::text], ARRAY[$2::text], $3) AS acked`;

/** Failed: due again at $3 with the attempt recorded. */
export const nackSql = `
UPDATE leads SET due_at = $3, lease_token = NULL, lease_expires_at = NULL, attempts = attempts || $4::jsonb
WHERE id = $1 AND lease_token = $2 AND state = 'queued'`;

/** Given up: a dead letter keeping its payload and every attempt, for redrive. */
export const deadLetterSql = `
UPDATE leads SET state = 'dead', due_at = NULL, lease_token = NULL, lease_expires_at = NULL,
  attempts = attempts || $3::jsonb, dead_reason = $4, settled_at = $5
WHERE id = $1 AND lease_token = $2 AND state = 'queued'`;

/** Handed back unsent: due at $3, and the claim no longer counts as an attempt. */
export const releaseSql = `
UPDATE leads SET due_at = $3, lease_token = NULL, lease_expires_at = NULL,
  attempt_count = GREATEST(attempt_count - 1, 0)
WHERE id = $1 AND lease_token = $2 AND state = 'queued'`;

/** Dead letters (one, or all when $1 is NULL) back on the queue, due at $2 with a fresh count. */
export const redriveSql = `
UPDATE leads SET state = 'queued', due_at = $2, attempts = '[]'::jsonb, attempt_count = 0,
  dead_reason = NULL, settled_at = NULL
WHERE state = 'dead' AND ($1::text IS NULL OR id = $1)
RETURNING id`;

/**
 * Spam (one, or all when $1 is NULL) released into the queue as leads, due at $2. A lead whose form
 * needs confirmation (marked in its spam verdict at enqueue) is released as `unconfirmed`, settled
 * at $2 for the purge, with its confirmation mail job written by the same statement: releasing spam
 * never skips the double opt-in. A lead whose form had a receipt (its spam mark's `receipt`) gets
 * its receipt job too: pending when released queued, waiting for the confirmation otherwise.
 */
export const releaseSpamSql = `
WITH released AS (
  UPDATE leads SET
    state = CASE WHEN (spam ->> 'needsConfirmation')::boolean THEN 'unconfirmed' ELSE 'queued' END,
    due_at = CASE WHEN (spam ->> 'needsConfirmation')::boolean THEN NULL ELSE $2::timestamptz END,
    settled_at = CASE WHEN (spam ->> 'needsConfirmation')::boolean THEN $2::timestamptz END
  WHERE state = 'spam' AND ($1::text IS NULL OR id = $1)
  RETURNING id, state, coalesce((spam ->> 'receipt')::boolean, false) AS receipt),
mailed AS (
  INSERT INTO lead_mails (lead_id, kind, state, due_at, created_at)
  SELECT id, 'confirmation', 'pending', $2, $2 FROM released WHERE state = 'unconfirmed'
  UNION ALL
  SELECT id, 'receipt', CASE WHEN state = 'queued' THEN 'pending' ELSE 'waiting' END,
    CASE WHEN state = 'queued' THEN $2::timestamptz END, $2
  FROM released WHERE receipt
  ON CONFLICT (lead_id, kind) DO NOTHING)
SELECT id FROM released`;

/** Forget up to $3 leads in state $1 settled before $2 (delivered audit rows, old spam). */
export const purgeSettledSql = `
DELETE FROM leads WHERE id IN (
  SELECT id FROM leads WHERE state = $1 AND settled_at < $2 ORDER BY settled_at LIMIT $3)
RETURNING id`;

/** Dead letters or spam, oldest first, at most $2. */
export const listSettledSql = `
SELECT id, idempotency_key, received_at, payload, attempts, dead_reason, spam, settled_at
FROM leads WHERE state = $1 ORDER BY settled_at, id LIMIT $2`;

/**
 * Operators' counts ($1 is now). Totals per state come from `lead_counts` (kept by triggers, so
 * a million-lead backlog is not counted row by row); the few leads not due yet (in flight, or
 * waiting out a backoff) are counted on their own indexes; the oldest and the last delivery are
 * the first entry of an index each.
 */
export const statusSql = `
SELECT
  (SELECT coalesce(sum(leads), 0)::int FROM lead_counts WHERE state = 'queued') AS depth,
  (SELECT coalesce(sum(leads), 0)::int FROM lead_counts WHERE state = 'dead') AS dead,
  (SELECT coalesce(sum(leads), 0)::int FROM lead_counts WHERE state = 'spam') AS spam,
  (SELECT coalesce(sum(leads), 0)::int FROM lead_counts WHERE state = 'unconfirmed') AS unconfirmed,
  (SELECT count(*)::int FROM leads WHERE state = 'queued' AND due_at > $1) AS not_due,
  (SELECT count(*)::int FROM leads
   WHERE state = 'queued' AND lease_token IS NOT NULL AND lease_expires_at > $1) AS in_flight,
  (SELECT min(received_at) FROM leads WHERE state = 'queued') AS oldest,
  (SELECT max(settled_at) FROM leads WHERE state = 'done') AS last_delivered`;

/** Queued leads (waiting, retrying or in flight). */
export const depthSql = `SELECT coalesce(sum(leads), 0)::int AS depth FROM lead_counts WHERE state = 'queued'`;

/** When the oldest queued lead arrived. */
export const oldestSql = `SELECT min(received_at) AS oldest FROM leads WHERE state = 'queued'`;

/** A lead from the old Blobs queue, in whatever state it had; an existing key wins (idempotent). */
export const importSql = `
INSERT INTO leads (id, idempotency_key, fingerprint, state, received_at, due_at, payload, attempts, spam,
  dead_reason, settled_at)
VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11)
ON CONFLICT (idempotency_key) DO NOTHING
RETURNING id`;
