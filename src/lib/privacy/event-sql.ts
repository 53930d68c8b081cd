/**
 * The `lead.erased` events' life (migration 0060): due → leased to one sender → sent (address
 * cleared) or due again after a backoff. Each step one statement on `privacy_events_due`.
 */

/** Lease up to $4 due events ($1 now) until $2 to sender $3. */
export const claimEventsSql = `
UPDATE privacy_events SET due_at = $2, lease_token = $3, attempts = attempts + 1
WHERE id IN (
  SELECT id FROM privacy_events WHERE sent_at IS NULL AND due_at <= $1
  ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED)
RETURNING id, email, lead_ids, created_at, attempts`;

/** Taken by the CRM at $3: the address goes at once. */
export const eventSentSql = `
UPDATE privacy_events SET sent_at = $3, due_at = NULL, email = NULL, lease_token = NULL, last_error = NULL
WHERE id = $1 AND lease_token = $2`;

/** Refused or unreachable: due again at $3, with why ($4: a status or error class, no body). */
export const eventFailedSql = `
UPDATE privacy_events SET due_at = $3, lease_token = NULL, last_error = $4
WHERE id = $1 AND lease_token = $2`;

/** Events not yet taken by the CRM, and the oldest ($1 unused; the partial index counts them). */
export const pendingEventsSql = `
SELECT count(*)::int AS pending, min(created_at) AS oldest, max(last_error) AS last_error
FROM privacy_events WHERE sent_at IS NULL`;
