/**
 * The launch reviews' statements (migration 0071). Claim, for a whole batch of tickets in one
 * statement: $1 campaign ids, $2 ticket hashes, $3 verdicts (arrays of the same length), $4 now.
 * Returns a row only to the one caller that should send (a new ticket, or a changed one). The
 * NOT EXISTS skips the tickets already reviewed before the upsert touches (and locks) their rows,
 * so the alert schedule's run each minute, when nothing changed, writes nothing.
 */
export const claimReviewsSql = `
INSERT INTO launch_reviews (campaign_id, ticket_hash, reviewed_at, verdict)
SELECT t.id, t.hash, $4, t.verdict FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, hash, verdict)
WHERE NOT EXISTS (SELECT 1 FROM launch_reviews r WHERE r.campaign_id = t.id AND r.ticket_hash = t.hash)
ON CONFLICT (campaign_id) DO UPDATE SET ticket_hash = EXCLUDED.ticket_hash,
  reviewed_at = EXCLUDED.reviewed_at, verdict = EXCLUDED.verdict, send_error = NULL
WHERE launch_reviews.ticket_hash <> EXCLUDED.ticket_hash
RETURNING campaign_id`;

/** A send failed after its retries: forget the hash ($1 id, $2 hash claimed, $3 error) so the next run sends again. */
export const reviewFailedSql = `
UPDATE launch_reviews SET ticket_hash = '', send_error = $3 WHERE campaign_id = $1 AND ticket_hash = $2`;
