/**
 * The statements `campaign:report` reads with: the 0040 rollups (`ops_minute`, `ops_refusals`) and
 * 0070's (`ops_ttc_exact`, `ops_sources`), all by their leading `minute` key, never `leads`. They
 * outlive the leads' PII purge. Parameters: $1 the scope's form ids, $2 from, $3 to (intake: the
 * minutes leads were received in), $4 until (outcomes: deliveries and dead letters of the window's
 * leads may come after it, while a backlog drains).
 */

const intakeByForm = `
SELECT form_id, sum(accepted)::int AS accepted, sum(spam)::int AS spam, sum(replayed)::int AS replayed
FROM ops_minute WHERE minute >= $2 AND minute < $3 AND form_id = ANY($1) GROUP BY form_id`;

const outcomesByForm = `
SELECT form_id, sum(delivered)::int AS delivered, sum(retried)::int AS retried, sum(dead)::int AS dead,
  sum(redriven)::int AS redriven, sum(released)::int AS released
FROM ops_minute WHERE minute >= $2 AND minute < $4 AND form_id = ANY($1) GROUP BY form_id`;

const perMinute = `
SELECT minute, sum(accepted)::int AS accepted, sum(spam)::int AS spam
FROM ops_minute WHERE minute >= $2 AND minute < $3 AND form_id = ANY($1) GROUP BY minute ORDER BY minute`;

const bySource = `
SELECT form_id, locale, source, sum(accepted)::int AS accepted, sum(spam)::int AS spam
FROM ops_sources WHERE minute >= $2 AND minute < $3 AND form_id = ANY($1)
GROUP BY form_id, locale, source ORDER BY form_id, sum(accepted) DESC, locale, source`;

// Refusals are counted before a form is known to be valid (ops_refusals has no form): site-wide.
const refusals = `
SELECT minute, reason, refusals FROM ops_refusals WHERE minute >= $2 AND minute < $3 ORDER BY minute, reason`;

// Nearest rank (percentile_disc): the smallest duration with at least that share at or below it,
// the same definition the delivery records are checked with (tests/integration/campaign-outcome.test.ts).
const timeToCrm = `
SELECT count(t)::int AS count, (percentile_disc(0.5) WITHIN GROUP (ORDER BY t))::float8 AS p50_ms,
  (percentile_disc(0.95) WITHIN GROUP (ORDER BY t))::float8 AS p95_ms, max(t)::float8 AS max_ms,
  coalesce(sum(t), 0)::float8 AS sum_ms
FROM ops_ttc_exact, unnest(ttc_ms) AS t WHERE minute >= $2 AND minute < $3 AND form_id = ANY($1)`;

// The same durations in 0040's log-2 buckets, for the distribution chart.
const timeToCrmBuckets = `
SELECT ops_ttc_bucket(t) AS bucket, count(*)::int AS deliveries
FROM ops_ttc_exact, unnest(ttc_ms) AS t WHERE minute >= $2 AND minute < $3 AND form_id = ANY($1)
GROUP BY 1 ORDER BY 1`;

// Site rebuilds whose window opened while the campaign ran (content changed mid-launch).
const rebuilds = `
SELECT count(*) FILTER (WHERE state = 'built')::int AS built, coalesce(sum(failed_calls), 0)::int AS failed_calls
FROM rebuild_windows WHERE opens_at >= $2 AND opens_at < $3`;

const list = (query: string) => `(SELECT coalesce(json_agg(q), '[]') FROM (${query}) q)`;

/** Everything one campaign's report shows, in one statement (timestamps arrive as ISO strings). */
export const outcomeSql = `
SELECT ${list(intakeByForm)} AS intake_by_form, ${list(outcomesByForm)} AS outcomes_by_form,
  ${list(perMinute)} AS per_minute, ${list(bySource)} AS by_source, ${list(refusals)} AS refusals,
  (SELECT row_to_json(q) FROM (${timeToCrm}) q) AS time_to_crm,
  ${list(timeToCrmBuckets)} AS ttc_buckets, (SELECT row_to_json(q) FROM (${rebuilds}) q) AS rebuilds`;

/** Form ids with leads received in [$1, $2): to report the forms no campaign claims. */
export const formsSeenSql = `
SELECT DISTINCT form_id FROM ops_minute WHERE minute >= $1 AND minute < $2 AND accepted + spam > 0 ORDER BY form_id`;
