-- The intake's enqueue as a function in the database (issue 20, item 6). Sent as an unnamed
-- statement, the CTE below was planned again for every lead (~270 µs of ~830 µs in PostgreSQL);
-- named prepared statements avoid that but break on transaction-mode poolers before PgBouncer 1.21
-- and on the emulation's one shared session (42P05). PL/pgSQL caches the plan of its statements
-- per session whatever the pooler, so the intake sends `SELECT … FROM floodgate_enqueue_lead($1, …,
-- $14)` (src/lib/queue/lead-sql.ts, `enqueueSql`): still one statement and one round trip per lead.
--
-- This file is the statement's only source (what each CTE does is documented at `enqueueSql`).
-- Migrations are never edited once deployed: a later change of the statement is a NEW migration
-- with `CREATE OR REPLACE FUNCTION floodgate_enqueue_lead` holding the whole new body, and
-- tests/integration/queue-enqueue-function.test.ts checks that the newest one is what the database
-- runs. 'starting' is STARTING_HOLDER (src/lib/delivery/delivery-states.ts; checked by that test).
--
-- Parameters: $1 id, $2 key, $3 fingerprint, $4 state, $5 received at, $6 payload, $7 spam mark,
-- $8 drainer reservation end or NULL, $9–$11 lane, group, form, $12–$13 campaign weight and cap
-- per second (NULL, NULL outside a campaign), $14 whether the lead gets a receipt mail.
-- `use_column`: the result's column names (id, fingerprint) are also table columns in the body.
CREATE FUNCTION floodgate_enqueue_lead(
  text, text, text, text, timestamptz, jsonb, jsonb, timestamptz, text, text, text, float8, float8, boolean)
RETURNS TABLE (id text, fingerprint text, inserted boolean, drainer_reserved boolean)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
BEGIN
RETURN QUERY
WITH stored AS (
  INSERT INTO leads (id, idempotency_key, fingerprint, state, received_at, due_at, payload, spam, settled_at,
    lane, group_key, form_id)
  VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 = 'queued' THEN $5 END, $6, $7,
          CASE WHEN $4 IN ('spam', 'unconfirmed') THEN $5 END, $9, $10, $11)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING leads.id, leads.fingerprint, leads.state),
mailed AS (
  INSERT INTO lead_mails (lead_id, kind, state, due_at, created_at)
  SELECT stored.id, 'confirmation', 'pending', $5, $5 FROM stored WHERE stored.state = 'unconfirmed'
  UNION ALL
  SELECT stored.id, 'receipt', CASE WHEN stored.state = 'queued' THEN 'pending' ELSE 'waiting' END,
    CASE WHEN stored.state = 'queued' THEN $5 END, $5
  FROM stored WHERE $14 AND stored.state IN ('queued', 'unconfirmed')),
reserved AS (
  UPDATE delivery_drainer SET holder = 'starting', expires_at = $8
  WHERE $8 IS NOT NULL AND delivery_drainer.expires_at <= $5
    AND (
      EXISTS (SELECT 1 FROM stored WHERE stored.state = 'unconfirmed' OR (stored.state = 'queued' AND $14))
      OR (EXISTS (SELECT 1 FROM stored WHERE stored.state = 'queued') AND NOT EXISTS (SELECT 1 FROM lead_pauses
        WHERE (lead_pauses.kind = 'lane' AND lead_pauses.key = $9) OR (lead_pauses.kind = 'campaign'
          AND lead_pauses.key = $10) OR (lead_pauses.kind = 'form' AND lead_pauses.key = $11))))
  RETURNING delivery_drainer.expires_at),
ticketed AS (
  INSERT INTO lead_groups AS g (group_key, weight, max_per_second)
  SELECT $10, $12, $13
  WHERE $12 IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM lead_groups WHERE lead_groups.group_key = $10 AND lead_groups.weight = $12
      AND lead_groups.max_per_second IS NOT DISTINCT FROM $13)
  ON CONFLICT (group_key) DO UPDATE SET weight = EXCLUDED.weight, max_per_second = EXCLUDED.max_per_second),
replayed AS (
  INSERT INTO ops_minute AS m (minute, form_id, campaign, shard, replayed)
  SELECT date_trunc('minute', $5), coalesce(left(p->>'formId', 100), ''), ops_campaign_of(p),
    pg_backend_pid() % 8, 1
  FROM leads, coalesce(CASE WHEN leads.state <> 'done' THEN leads.payload END, $6) AS p
  WHERE leads.idempotency_key = $2 AND leads.fingerprint = $3 AND NOT EXISTS (SELECT 1 FROM stored)
  ON CONFLICT (minute, form_id, campaign, shard) DO UPDATE SET replayed = m.replayed + 1)
SELECT stored.id, stored.fingerprint, true, EXISTS (SELECT 1 FROM reserved) FROM stored
UNION ALL
SELECT leads.id, leads.fingerprint, false, false FROM leads
WHERE leads.idempotency_key = $2 AND NOT EXISTS (SELECT 1 FROM stored);
END
$fn$;
