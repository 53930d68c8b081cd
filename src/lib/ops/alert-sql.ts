/**
 * Alert state transitions (table `ops_alerts`, migration 0040), each one statement guarded by the
 * state it leaves, so of two evaluators racing the same transition exactly one gets a row back,
 * and only the one that gets a row back sends the message.
 */

/** Not firing → firing ($1 rule, $2 now, $3 summary); a row back means "send the first message". */
export const fireSql = `
INSERT INTO ops_alerts (rule, firing, since, notified_at, summary) VALUES ($1, true, $2, $2, $3)
ON CONFLICT (rule) DO UPDATE SET firing = true, since = $2, notified_at = $2, resolved_at = NULL, summary = $3
WHERE NOT ops_alerts.firing
RETURNING rule`;

/** Still firing and last told before $4: a reminder is due ($2 now, $3 summary). */
export const remindSql = `
UPDATE ops_alerts SET notified_at = $2, summary = $3
WHERE rule = $1 AND firing AND notified_at <= $4
RETURNING since`;

/** Firing → resolved ($2 now); a row back means "send the resolved message". */
export const resolveSql = `
UPDATE ops_alerts SET firing = false, resolved_at = $2, notified_at = $2
WHERE rule = $1 AND firing
RETURNING since`;

/**
 * A send failed after its retries ($2 error, $3 now): shown on /ops/, and a firing rule's reminder
 * falls due at once so the next evaluation tries again.
 */
export const sendFailedSql = `
UPDATE ops_alerts SET send_error = $2, send_error_at = $3,
  notified_at = CASE WHEN firing THEN 'epoch'::timestamptz ELSE notified_at END
WHERE rule = $1`;

/** A send went through: clear a failure shown earlier. */
export const sendSucceededSql = `UPDATE ops_alerts SET send_error = NULL, send_error_at = NULL WHERE rule = $1 AND send_error IS NOT NULL`;

/** Every rule's state (one row per rule in ALERT_RULES at most). */
export const listAlertsSql = `SELECT rule, firing, since, notified_at, summary, send_error FROM ops_alerts ORDER BY rule`;
