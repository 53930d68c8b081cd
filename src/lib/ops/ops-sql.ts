/**
 * Every statement the ops page, the metrics endpoint and the alert rules read with. Each reads the
 * rollups (migration 0040) by their leading `minute` key, the counts `lead_counts` keeps, or the
 * first entry of one index of `leads`: none counts leads row by row, whatever the backlog.
 */

/** Queue figures now ($1): depth, dead letters and spam held from `lead_counts`; the oldest from its index; the breaker row. */
export const snapshotSql = `
SELECT
  (SELECT coalesce(sum(leads), 0)::int FROM lead_counts WHERE state = 'queued') AS depth,
  (SELECT coalesce(sum(leads), 0)::int FROM lead_counts WHERE state = 'dead') AS dead,
  (SELECT coalesce(sum(leads), 0)::int FROM lead_counts WHERE state = 'spam') AS spam,
  (SELECT min(received_at) FROM leads WHERE state = 'queued') AS oldest,
  (SELECT state FROM delivery_circuit) AS breaker,
  (SELECT until FROM delivery_circuit) AS breaker_until`;

/** Per-minute totals over every form and campaign since $1, oldest first. */
export const minuteSeriesSql = `
SELECT minute, sum(accepted)::int AS accepted, sum(spam)::int AS spam, sum(delivered)::int AS delivered,
  sum(retried)::int AS retried, sum(dead)::int AS dead, sum(redriven)::int AS redriven,
  sum(released)::int AS released, sum(ttc_count)::int AS ttc_count, sum(ttc_sum_ms)::float8 AS ttc_sum_ms,
  max(ttc_max_ms)::float8 AS ttc_max_ms
FROM ops_minute WHERE minute >= $1 GROUP BY minute ORDER BY minute`;

/** Totals per form and campaign since $1. */
export const byFormSql = `
SELECT form_id, campaign, sum(accepted)::int AS accepted, sum(spam)::int AS spam,
  sum(delivered)::int AS delivered, sum(dead)::int AS dead
FROM ops_minute WHERE minute >= $1 GROUP BY form_id, campaign ORDER BY sum(accepted) DESC LIMIT 50`;

/** Deliveries per time-to-CRM bucket since $1. */
export const ttcBucketsSql = `
SELECT bucket, sum(deliveries)::int AS deliveries FROM ops_ttc_buckets WHERE minute >= $1 GROUP BY bucket`;

/** Refusals per minute and reason since $1. */
export const refusalsSql = `SELECT minute, reason, refusals FROM ops_refusals WHERE minute >= $1 ORDER BY minute`;

/**
 * Everything /ops/ shows since $1 in one statement (one round trip, one pooled connection): the
 * snapshot's columns, then each list as JSON (timestamps arrive as ISO strings).
 */
export const metricsSql = `
SELECT snapshot.*,
  (SELECT coalesce(json_agg(s), '[]') FROM (${minuteSeriesSql}) s) AS series,
  (SELECT coalesce(json_agg(f), '[]') FROM (${byFormSql}) f) AS by_form,
  (SELECT coalesce(json_agg(b), '[]') FROM (${ttcBucketsSql}) b) AS buckets,
  (SELECT coalesce(json_agg(r), '[]') FROM (${refusalsSql}) r) AS refusals
FROM (${snapshotSql}) AS snapshot`;

/** Add in-process refusal counts: minutes $1, reasons $2, counts $3 (parallel arrays), one statement. */
export const addRefusalsSql = `
INSERT INTO ops_refusals (minute, reason, refusals)
SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::int[])
ON CONFLICT (minute, reason) DO UPDATE SET refusals = ops_refusals.refusals + EXCLUDED.refusals`;

/** Retention: forget rollups of minutes before $1, at most $2 rows of each table per run. */
export const purgeRollupsSql = `
WITH minutes AS (
  DELETE FROM ops_minute WHERE ctid IN (SELECT ctid FROM ops_minute WHERE minute < $1 LIMIT $2) RETURNING 1
), buckets AS (
  DELETE FROM ops_ttc_buckets WHERE ctid IN (SELECT ctid FROM ops_ttc_buckets WHERE minute < $1 LIMIT $2) RETURNING 1
), refusals AS (
  DELETE FROM ops_refusals WHERE ctid IN (SELECT ctid FROM ops_refusals WHERE minute < $1 LIMIT $2) RETURNING 1
)
SELECT (SELECT count(*) FROM minutes)::int + (SELECT count(*) FROM buckets)::int
  + (SELECT count(*) FROM refusals)::int AS purged`;
