/**
 * Every statement of delivery coordination, in one place. Each is ONE atomic statement on a
 * single-row table of netlify/database/migrations/0002_delivery.sql (or one index of `leads`), so
 * workers coordinate through Postgres' row locks alone: an UPDATE that waits for another's lock
 * re-reads the row and re-evaluates its SET and WHERE (READ COMMITTED), so no grant, probe or
 * lease is ever given twice. Times are parameters from the caller's clock, never `now()`.
 */
import { STARTING_HOLDER } from './delivery-states.ts';

const refilled = `delivery_tokens_at(p.tokens, p.updated_at, $1, $2, $3)`;

/**
 * The gate before every CRM call: take up to $4 tokens ($1 now, $2 rate per second, $3 burst) if
 * the circuit lets this worker call (closed, or half-open with $5 as the probe's holder). Returns
 * the circuit either way, and `taken`/`tokens` only when the bucket was asked.
 */
export const takeTokensSql = `
WITH circuit AS (SELECT state, until, failures, probe_token FROM delivery_circuit),
taken AS (
  UPDATE delivery_pacer p SET
    taken = LEAST($4::int, floor(${refilled}))::int,
    tokens = ${refilled} - LEAST($4::int, floor(${refilled})),
    updated_at = GREATEST(p.updated_at, $1)
  WHERE (SELECT state = 'closed' OR probe_token = $5 FROM circuit)
  RETURNING p.taken, p.tokens)
SELECT circuit.state, circuit.until, circuit.failures, taken.taken, taken.tokens
FROM circuit LEFT JOIN taken ON true`;

/** The circuit and the drainer lease, for operators. */
export const readCoordinationSql = `
SELECT c.state, c.until, c.failures, d.holder, d.expires_at
FROM delivery_circuit c, delivery_drainer d`;

/** A retryable failure ($1 now, $2 threshold, $3 end of cool-down): opens the circuit at the threshold. */
export const recordFailureSql = `
UPDATE delivery_circuit SET
  failures = CASE WHEN failures + 1 >= $2 THEN 0 ELSE failures + 1 END,
  state = CASE WHEN failures + 1 >= $2 THEN 'open' ELSE 'closed' END,
  opened_at = CASE WHEN failures + 1 >= $2 THEN $1::timestamptz END,
  until = CASE WHEN failures + 1 >= $2 THEN $3::timestamptz END
WHERE state = 'closed'
RETURNING state, until`;

/** A success after failures: the count of consecutive failures starts again. */
export const recordSuccessSql = `UPDATE delivery_circuit SET failures = 0 WHERE state = 'closed' AND failures > 0`;

/** open → half-open for exactly one worker ($1 its token), once the cool-down or a lapsed probe is over ($2 now). */
export const takeProbeSql = `
UPDATE delivery_circuit SET state = 'half-open', probe_token = $1, until = $3
WHERE state <> 'closed' AND until <= $2
RETURNING until`;

/** The probe went through: half-open → closed. */
export const probeSucceededSql = `
UPDATE delivery_circuit SET state = 'closed', failures = 0, opened_at = NULL, until = NULL, probe_token = NULL
WHERE state = 'half-open' AND probe_token = $1`;

/** The probe failed ($2 now, $3 end of the new cool-down): half-open → open. */
export const probeFailedSql = `
UPDATE delivery_circuit SET state = 'open', opened_at = $2, until = $3, probe_token = NULL
WHERE state = 'half-open' AND probe_token = $1`;

/**
 * The probe slot given back unused (no lead was due, the run ended): open again with the cool-down
 * already served ($2 now), so the next worker to ask probes at once instead of waiting out the slot.
 */
export const releaseProbeSql = `
UPDATE delivery_circuit SET state = 'open', until = $2, probe_token = NULL
WHERE state = 'half-open' AND probe_token = $1`;

/**
 * Reserve the drainer lease for a drainer about to be started ($1 now, $2 reservation end), only
 * if no lease is live and a queued lead or a lead mail is due (the first entry of `leads_due` or
 * `lead_mails_due`).
 */
export const reserveDrainerSql = `
UPDATE delivery_drainer SET holder = '${STARTING_HOLDER}', expires_at = $2
WHERE expires_at <= $1 AND (EXISTS (SELECT 1 FROM leads WHERE state = 'queued' AND due_at <= $1)
  OR EXISTS (SELECT 1 FROM lead_mails WHERE state = 'pending' AND due_at <= $1))
RETURNING expires_at`;

/** Take, take over from a starting reservation, or renew the lease ($1 holder, $2 now, $3 until). */
export const holdDrainerSql = `
UPDATE delivery_drainer SET holder = $1, expires_at = $3
WHERE holder = $1 OR holder = '${STARTING_HOLDER}' OR expires_at <= $2
RETURNING expires_at`;

/** Let go ($1 holder, $2 now), so the next lead or schedule can start a drainer at once. */
export const releaseDrainerSql = `
UPDATE delivery_drainer SET holder = NULL, expires_at = $2 WHERE holder = $1`;
