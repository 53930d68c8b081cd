/**
 * The launch reviews' statements (migration 0071). Claim: $1 campaign id, $2 ticket hash, $3 now,
 * $4 verdict; returns a row only to the one caller that should send (a new ticket, or a changed one).
 */
export const claimReviewSql = `
INSERT INTO launch_reviews (campaign_id, ticket_hash, reviewed_at, verdict) VALUES ($1, $2, $3, $4)
ON CONFLICT (campaign_id) DO UPDATE SET ticket_hash = EXCLUDED.ticket_hash,
  reviewed_at = EXCLUDED.reviewed_at, verdict = EXCLUDED.verdict, send_error = NULL
WHERE launch_reviews.ticket_hash <> EXCLUDED.ticket_hash
RETURNING campaign_id`;

/** A send failed after its retries: forget the hash ($1 id, $2 hash claimed, $3 error) so the next run sends again. */
export const reviewFailedSql = `
UPDATE launch_reviews SET ticket_hash = '', send_error = $3 WHERE campaign_id = $1 AND ticket_hash = $2`;
