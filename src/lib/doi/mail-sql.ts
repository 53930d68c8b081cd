/**
 * Every statement of the lead mails (netlify/database/migrations/0055_double_opt_in.sql), each ONE
 * statement on an index: `lead_mails_due` for claims, the primary key for the rest. Times are
 * parameters from the caller's clock. A mail row holds no personal data: the claim reads the
 * address from the lead's payload, in the same statement.
 */

/**
 * Lease up to $4 due mails ($1 now, $2 lease end, $3 lease token), oldest first, with what sending
 * needs from their lead: its payload (address, locale, form) and state.
 */
export const claimMailsSql = `
UPDATE lead_mails m SET lease_token = $3, lease_expires_at = $2, due_at = $2, attempt_count = m.attempt_count + 1
FROM (
  SELECT lead_id, kind FROM lead_mails WHERE state = 'pending' AND due_at <= $1
  ORDER BY due_at, lead_id LIMIT $4 FOR UPDATE SKIP LOCKED) due, leads l
WHERE m.lead_id = due.lead_id AND m.kind = due.kind AND l.id = m.lead_id
RETURNING m.lead_id, m.kind, m.attempt_count, m.lease_token, l.payload, l.state, l.received_at`;

const leased = `WHERE lead_id = $1 AND kind = $2 AND lease_token = $3 AND state = 'pending'`;

/** Sent ($4 now, $5 the attempt). */
export const mailSentSql = `
UPDATE lead_mails SET state = 'sent', due_at = NULL, lease_token = NULL, lease_expires_at = NULL,
  sent_at = $4, attempts = attempts || $5::jsonb
${leased}`;

/** Failed, due again at $4 ($5 the attempt). */
export const mailRetrySql = `
UPDATE lead_mails SET due_at = $4, lease_token = NULL, lease_expires_at = NULL, attempts = attempts || $5::jsonb
${leased}`;

/** Given up ($4 the attempt, $5 why): kept, without an address, for operators. */
export const mailDeadSql = `
UPDATE lead_mails SET state = 'dead', due_at = NULL, lease_token = NULL, lease_expires_at = NULL,
  attempts = attempts || $4::jsonb, dead_reason = $5
${leased}`;

/** Handed back unsent (no transport configured, the run ended): due at $4, not counted as an attempt. */
export const mailReleaseSql = `
UPDATE lead_mails SET due_at = $4, lease_token = NULL, lease_expires_at = NULL,
  attempt_count = GREATEST(attempt_count - 1, 0)
${leased}`;

/**
 * After a receipt is settled (sent or dead), run once that settle has committed: a delivered lead
 * ($1) kept its address, locale and form only for this receipt (lead-sql.ts, `ackSql`), so its
 * payload goes now. A lead not yet delivered keeps its payload for the CRM; its ack, which locks
 * the receipt row, then sees the receipt settled and keeps nothing.
 */
export const clearReceiptPayloadSql = `
UPDATE leads SET payload = NULL WHERE id = $1 AND state = 'done' AND payload IS NOT NULL`;

/** Mails waiting (on `lead_mails_due`) and given up, for `leads:status` and /ops/. */
export const mailCountsSql = `
SELECT (SELECT count(*)::int FROM lead_mails WHERE state = 'pending') AS pending,
       (SELECT count(*)::int FROM lead_mails WHERE state = 'dead') AS dead`;
