import { WINDOW_STATE as S } from './window-state.ts';

/**
 * Every statement rebuild coalescing runs, in one place. Each is a single statement on an index of
 * `rebuild_windows`, `rebuild_events` or `rebuild_calls` (netlify/database/migrations/0003_rebuild.sql),
 * so webhooks and closers on any number of instances need no protocol of their own: the unique
 * index on the open window, the unique signature and `FOR UPDATE SKIP LOCKED` do the coordinating.
 * Times are parameters from the caller's clock, never the database's `now()`; state names are
 * constants from window-state.ts, never input.
 */

/**
 * Record a webhook and join the open window, or open one: $1 new window id, $2 received at,
 * $3 the new window's close, $4 event id, $5 signature, $6 topic, $7 entity type, $8 action,
 * $9 entity id, $10 content type, $11 label, $12 Contentful's idempotency key.
 *
 * A signature already stored (a replay) records nothing (`fresh` false, or no `event_id` when an
 * identical request raced this one). The open window is joined only while it is open at $2; an
 * open window already past its close returns no window, and the caller seals it (`sealStaleSql`)
 * and tries again, so an event never joins a window whose build may already be requested.
 */
export const recordEventSql = `
WITH fresh AS (
  SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM rebuild_events WHERE signature = $5::text)
), joined AS (
  INSERT INTO rebuild_windows (id, state, opens_at, closes_at, due_at)
  SELECT $1::text, '${S.open}', $2::timestamptz, $3::timestamptz, $3::timestamptz FROM fresh
  ON CONFLICT (state) WHERE state = '${S.open}'
  DO UPDATE SET state = rebuild_windows.state WHERE rebuild_windows.closes_at > EXCLUDED.opens_at
  RETURNING id, opens_at, closes_at, (xmax = 0) AS opened
), recorded AS (
  INSERT INTO rebuild_events (id, signature, window_id, received_at, topic, entity_type, action,
    entity_id, content_type, label, idempotency_key)
  SELECT $4::text, $5::text, joined.id, $2::timestamptz, $6::text, $7::text, $8::text, $9::text,
    $10::text, $11::text, $12::text FROM joined
  ON CONFLICT (signature) DO NOTHING
  RETURNING id
)
SELECT EXISTS (SELECT 1 FROM fresh) AS fresh, (SELECT id FROM recorded) AS event_id,
  joined.id AS window_id, joined.opens_at, joined.closes_at, joined.opened
FROM (SELECT 1) AS one LEFT JOIN joined ON true`;

/** The open window closed at or before $1: stop it collecting, so the next event opens another. */
export const sealStaleSql = `
UPDATE rebuild_windows SET state = '${S.due}' WHERE state = '${S.open}' AND closes_at <= $1`;

/**
 * Take every window due at $1 (up to $4), oldest first, under lease $3 until $2: one atomic update,
 * so of any number of racing closers exactly one gets each window. Rows another closer (or a
 * webhook joining the open window) holds this instant are skipped, not waited for.
 */
export const claimDueSql = `
UPDATE rebuild_windows SET state = '${S.claimed}', lease_token = $3, lease_expires_at = $2, due_at = $2
WHERE id IN (
  SELECT id FROM rebuild_windows WHERE state <> '${S.built}' AND due_at <= $1
  ORDER BY due_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
RETURNING id, opens_at, closes_at`;

/** Columns of an event as the title and status read it. */
const eventColumns = `id, received_at, topic, entity_type, action, entity_id, content_type, label, idempotency_key`;

/** The events of windows $1, oldest first, at most $2, each row with the total count. */
export const windowEventsSql = `
SELECT ${eventColumns}, (count(*) OVER ())::int AS total
FROM rebuild_events WHERE window_id = ANY($1::text[])
ORDER BY received_at, id LIMIT $2`;

/**
 * Record call $1 for windows $2 and settle them, if lease $9 is still theirs: built when $5 (ok),
 * otherwise failed and due again at $10. $3/$4 started/finished, $6 title, $7 events, $8 attempts.
 */
export const settleSql = `
WITH call AS (
  INSERT INTO rebuild_calls (id, window_ids, started_at, finished_at, ok, title, event_count, attempts)
  VALUES ($1, $2::text[], $3, $4, $5, $6, $7, $8::jsonb)
)
UPDATE rebuild_windows SET
  state = CASE WHEN $5 THEN '${S.built}' ELSE '${S.failed}' END,
  due_at = CASE WHEN $5 THEN NULL ELSE $10::timestamptz END,
  built_at = CASE WHEN $5 THEN $4::timestamptz END,
  call_id = CASE WHEN $5 THEN $1 END,
  failed_calls = failed_calls + CASE WHEN $5 THEN 0 ELSE 1 END,
  lease_token = NULL, lease_expires_at = NULL
WHERE id = ANY($2::text[]) AND lease_token = $9 AND state = '${S.claimed}'`;

/** When a closer next has something to do: the earliest time a window not yet built is due. */
export const nextDueSql = `SELECT min(due_at) AS next FROM rebuild_windows WHERE state <> '${S.built}'`;

/** Forget up to $2 windows built before $1 (their events go with them) and calls started before $1. */
export const purgeSql = `
WITH windows AS (
  DELETE FROM rebuild_windows WHERE id IN (
    SELECT id FROM rebuild_windows WHERE state = '${S.built}' AND built_at < $1 ORDER BY built_at LIMIT $2)
  RETURNING id
), calls AS (
  DELETE FROM rebuild_calls WHERE id IN (
    SELECT id FROM rebuild_calls WHERE started_at < $1 ORDER BY started_at LIMIT $2)
  RETURNING id
)
SELECT (SELECT count(*) FROM windows)::int AS windows, (SELECT count(*) FROM calls)::int AS calls`;

/** Windows not yet built at $1: due, open (collecting), and held by a closer or waiting to retry. */
export const countsSql = `
SELECT (count(*) FILTER (WHERE due_at <= $1))::int AS due,
       (count(*) FILTER (WHERE state = '${S.open}' AND due_at > $1))::int AS open,
       (count(*) FILTER (WHERE state <> '${S.open}' AND due_at > $1))::int AS pending
FROM rebuild_windows WHERE state <> '${S.built}'`;

/** The newest $1 windows with their event counts. */
export const recentWindowsSql = `
SELECT w.id, w.state, w.opens_at, w.closes_at, w.due_at, w.failed_calls,
  (SELECT count(*) FROM rebuild_events e WHERE e.window_id = w.id)::int AS events
FROM rebuild_windows w ORDER BY w.opens_at DESC, w.id DESC LIMIT $1`;

/** The newest $1 build hook calls. */
export const recentCallsSql = `
SELECT id, window_ids, started_at, finished_at, ok, title, event_count, attempts
FROM rebuild_calls ORDER BY started_at DESC, id DESC LIMIT $1`;

/** The newest $1 events. */
export const recentEventsSql = `
SELECT ${eventColumns} FROM rebuild_events ORDER BY received_at DESC, id DESC LIMIT $1`;
