-- The delivery worker's claim and ack as functions in the database (issue 20, item 4), as
-- 0105_enqueue_function.sql did for the enqueue. Sent as unnamed statements, the fair claim's CTE
-- was planned again on every call (2.5–3.7 ms of planning against 3.4 ms of execution for a claim
-- of 50 at a 100k backlog); named prepared statements avoid that but break on transaction-mode
-- poolers before PgBouncer 1.21 and on the emulation's one shared session (42P05). PL/pgSQL caches
-- the plan of its statements per session whatever the pooler, so the worker sends
-- `SELECT … FROM floodgate_claim_fair($1, …, $6)` and `SELECT floodgate_ack_leads($1, $2, $3)`
-- (src/lib/queue/lane-sql.ts `claimFairSql`, lead-sql.ts `ackManySql`): still one statement and
-- one round trip each. The drainer's "when is the next lead due" probe shares the claim's loose
-- index scan of the flows, so it moves here too (`floodgate_next_claimable_due`).
--
-- This file is the statements' only source (what each does is documented at `claimFairSql`,
-- `ackManySql` and `nextClaimableDueSql`). Migrations are never edited once deployed: a later change
-- is a NEW migration with `CREATE OR REPLACE FUNCTION` holding the whole new body, and
-- tests/integration/queue-claim-ack-functions.test.ts checks that the newest one is what the
-- database runs.
--
-- floodgate_claim_fair: $1 now, $2 lease end, $3 at most this many leads, $4 lease token, $5 the
-- lane names and $6 their shares in percent (parallel arrays). Returns the claimed leads' columns
-- (src/lib/queue/lead-row.ts). `use_column`: the result's column names are also table columns.
CREATE FUNCTION floodgate_claim_fair(timestamptz, timestamptz, integer, text, text[], float8[])
RETURNS TABLE (id text, idempotency_key text, received_at timestamptz, payload jsonb, attempts jsonb,
  attempt_count integer, lease_token text, lease_expires_at timestamptz, lane text, group_key text,
  form_id text, confirmed_at timestamptz, released_from_spam boolean)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
BEGIN
RETURN QUERY
WITH RECURSIVE flows AS (
  (SELECT lane, group_key, form_id, due_at FROM leads WHERE state = 'queued'
   ORDER BY lane, group_key, form_id, due_at, id LIMIT 1)
  UNION ALL
  SELECT next.lane, next.group_key, next.form_id, next.due_at FROM flows f, LATERAL (
    SELECT lane, group_key, form_id, due_at FROM leads
    WHERE state = 'queued' AND (lane, group_key, form_id) > (f.lane, f.group_key, f.form_id)
    ORDER BY lane, group_key, form_id, due_at, id LIMIT 1) next
),
due AS (
  SELECT f.lane, f.group_key, f.form_id, s.vtime,
    -- Idle since its virtual time was last set: its oldest lead came after that (or it is new).
    s.vtime IS NULL OR f.due_at > s.served_at AS idle,
    coalesce(($6::float8[])[array_position($5::text[], f.lane)],
             ($6::float8[])[array_position($5::text[], 'normal')]) AS lane_share,
    coalesce(g.weight, 1) AS weight, g.max_per_second IS NOT NULL AS capped
  FROM flows f LEFT JOIN lead_flows s USING (lane, group_key, form_id)
    LEFT JOIN lead_groups g ON g.group_key = f.group_key
  WHERE f.due_at <= $1 AND NOT EXISTS (
    SELECT 1 FROM lead_pauses p
    WHERE (p.kind = 'lane' AND p.key = f.lane) OR (p.kind = 'campaign' AND p.key = f.group_key)
       OR (p.kind = 'form' AND p.key = f.form_id))
),
-- The capped groups' buckets, refilled to now (at most one second's worth): each row locked, in key
-- order (two claims never wait for each other in a circle), and read as committed by the claim
-- that held it before, so racing claims never spend the same tokens.
buckets AS MATERIALIZED (
  SELECT g.group_key, LEAST(GREATEST(1, g.max_per_second), g.tokens
    + GREATEST(0, EXTRACT(EPOCH FROM ($1::timestamptz - g.tokens_at))::float8) * g.max_per_second) AS tokens
  FROM lead_groups g
  WHERE g.max_per_second IS NOT NULL AND g.group_key IN (SELECT group_key FROM due WHERE capped)
  ORDER BY g.group_key
  FOR UPDATE OF g
),
groups AS (
  SELECT lane, group_key, count(*) AS forms, max(weight) AS weight, max(lane_share) AS lane_share
  FROM due GROUP BY lane, group_key
),
lanes AS (SELECT lane, max(lane_share) AS share, sum(weight) AS weights FROM groups GROUP BY lane),
clock AS (
  -- The flows that kept waiting and that no cap holds back set the pace of virtual time.
  SELECT coalesce(min(vtime) FILTER (WHERE NOT idle AND NOT capped), min(vtime) FILTER (WHERE NOT idle),
                  max(vtime), 0) AS v,
    count(*) AS flows FROM due
),
started AS (
  SELECT d.lane, d.group_key, d.form_id, d.idle,
    l.share / (SELECT sum(share) FROM lanes) * g.weight / l.weights / g.forms AS share,
    -- An idle flow starts level with the flows that kept waiting: no credit for the time it had
    -- nothing to send, and no debt from long ago that would starve it now.
    CASE WHEN d.idle THEN c.v ELSE d.vtime END AS start,
    -- Leads its group may still take in this claim (NULL: no cap).
    floor(b.tokens) AS allowed
  FROM due d JOIN lanes l USING (lane) JOIN groups g USING (lane, group_key)
    LEFT JOIN buckets b USING (group_key), clock c
),
-- Only a flow whose first tag is among the $3 smallest first tags can have a lead in the batch;
-- a flow whose group's bucket is empty has none.
ranked AS (
  SELECT s.*, row_number() OVER (ORDER BY s.start + 1 / s.share) AS rank FROM started s
  WHERE s.allowed IS NULL OR s.allowed >= 1
),
candidates AS (
  SELECT r.lane, r.group_key, r.form_id, r.allowed, c.id, r.start + c.k / r.share AS tag
  FROM ranked r, clock, LATERAL (
    SELECT locked.id, row_number() OVER (ORDER BY locked.due_at, locked.id) AS k FROM (
      SELECT id, due_at FROM leads
      WHERE state = 'queued' AND lane = r.lane AND group_key = r.group_key AND form_id = r.form_id
        AND due_at <= $1
      ORDER BY due_at, id
      -- Twice its share of the batch (a flow behind the others catches up a little), and at least
      -- an equal part of it, so flows with more leads fill what a nearly empty flow leaves; never
      -- more than its group's bucket holds.
      LIMIT LEAST($3::int - r.rank + 1, GREATEST(ceil(2 * $3::int * r.share), ceil($3::float8 / clock.flows)),
                  coalesce(r.allowed, $3::int))::int
      FOR UPDATE SKIP LOCKED) locked) c
  WHERE r.rank <= $3
),
-- A capped group's candidates, smallest tags first, up to what its bucket holds.
metered AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.group_key ORDER BY c.tag, c.id) AS in_group FROM candidates c
),
chosen AS (
  SELECT lane, group_key, form_id, id, tag FROM metered WHERE allowed IS NULL OR in_group <= allowed
  ORDER BY tag, id LIMIT $3
),
served AS (SELECT lane, group_key, form_id, max(tag) AS finish FROM chosen GROUP BY lane, group_key, form_id),
taken AS (SELECT group_key, count(*) AS leads FROM chosen GROUP BY group_key),
-- Where each flow's virtual time ends up: its last lead's tag. A flow whose group's bucket ran dry
-- moves at least as far as the batch went: the share its cap kept it from using is not owed to it
-- later (a cap that did not bind changes nothing).
finished AS (
  SELECT s.lane, s.group_key, s.form_id, s.start, CASE WHEN b.tokens - coalesce(t.leads, 0) < 1
      THEN GREATEST(coalesce(v.finish, s.start), coalesce((SELECT max(tag) FROM chosen), s.start))
      ELSE coalesce(v.finish, s.start) END AS vtime
  FROM started s LEFT JOIN served v USING (lane, group_key, form_id)
    LEFT JOIN buckets b USING (group_key) LEFT JOIN taken t USING (group_key)
  WHERE v.finish IS NOT NULL OR s.idle OR b.tokens - coalesce(t.leads, 0) < 1
),
charged AS (
  INSERT INTO lead_flows AS f (lane, group_key, form_id, vtime, cost, served_at)
  SELECT lane, group_key, form_id, vtime, vtime - start, $1 FROM finished
  WHERE (SELECT flows FROM clock) > 1
  -- Every claim locks flow rows in key order, so two claims never wait for each other in a circle.
  ORDER BY lane, group_key, form_id
  ON CONFLICT (lane, group_key, form_id) DO UPDATE SET
    vtime = GREATEST(f.vtime, EXCLUDED.vtime - EXCLUDED.cost) + EXCLUDED.cost,
    cost = EXCLUDED.cost, served_at = EXCLUDED.served_at
),
-- Each capped group's bucket, less what this claim took from it (rows locked above).
spent AS (
  UPDATE lead_groups g SET tokens = b.tokens - coalesce(t.leads, 0), tokens_at = GREATEST(g.tokens_at, $1)
  FROM buckets b LEFT JOIN taken t USING (group_key)
  WHERE g.group_key = b.group_key
)
UPDATE leads SET lease_token = $4, lease_expires_at = $2, due_at = $2, attempt_count = leads.attempt_count + 1
FROM chosen WHERE leads.id = chosen.id
RETURNING leads.id, leads.idempotency_key, leads.received_at, leads.payload, leads.attempts,
  leads.attempt_count, leads.lease_token, leads.lease_expires_at, leads.lane, leads.group_key, leads.form_id,
  leads.confirmed_at, leads.spam IS NOT NULL AS released_from_spam;
END
$fn$;

-- floodgate_ack_leads: delivered, the leads $1 with their lease tokens $2 (parallel arrays), settled
-- at $3. Returns how many were acked (a lease lost to another worker is not).
CREATE FUNCTION floodgate_ack_leads(text[], text[], timestamptz)
RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  settled integer;
BEGIN
-- The pending receipts of the leads being acked, locked: a receipt the mail worker is settling right
-- now is waited for and then read as settled (READ COMMITTED re-reads a locked row), so the ack never
-- keeps an address for a receipt that was sent meanwhile. Only `lead_mails_pkey` rows are touched.
WITH receipts AS (
  SELECT lead_id FROM lead_mails
  WHERE lead_id = ANY($1) AND kind = 'receipt' AND state = 'pending' FOR UPDATE)
-- Delivered: the payload (PII) goes at once, but for what a pending receipt needs (its address,
-- locale and form); id, key and outcome stay for the retention window.
UPDATE leads SET state = 'done', due_at = NULL, lease_token = NULL, lease_expires_at = NULL, settled_at = $3,
  payload = CASE WHEN leads.id IN (SELECT lead_id FROM receipts) THEN jsonb_build_object(
    'fields', jsonb_build_object('email', payload #> '{fields,email}'),
    'locale', payload -> 'locale', 'formId', payload -> 'formId') END
FROM unnest($1, $2) AS acked(id, lease_token)
WHERE leads.id = acked.id AND leads.lease_token = acked.lease_token AND leads.state = 'queued';
GET DIAGNOSTICS settled = ROW_COUNT;
RETURN settled;
END
$fn$;

-- floodgate_next_claimable_due: when the next lead the claim would take falls due (NULL: none
-- queued), the earliest `due_at` of the flows no pause holds, by the claim's own loose index scan.
CREATE FUNCTION floodgate_next_claimable_due()
RETURNS timestamptz
LANGUAGE plpgsql AS $fn$
BEGIN
RETURN (
  WITH RECURSIVE flows AS (
    (SELECT lane, group_key, form_id, due_at FROM leads WHERE state = 'queued'
     ORDER BY lane, group_key, form_id, due_at, id LIMIT 1)
    UNION ALL
    SELECT next.lane, next.group_key, next.form_id, next.due_at FROM flows f, LATERAL (
      SELECT lane, group_key, form_id, due_at FROM leads
      WHERE state = 'queued' AND (lane, group_key, form_id) > (f.lane, f.group_key, f.form_id)
      ORDER BY lane, group_key, form_id, due_at, id LIMIT 1) next
  )
  SELECT min(f.due_at) FROM flows f WHERE NOT EXISTS (
      SELECT 1 FROM lead_pauses p
      WHERE (p.kind = 'lane' AND p.key = f.lane) OR (p.kind = 'campaign' AND p.key = f.group_key)
         OR (p.kind = 'form' AND p.key = f.form_id)));
END
$fn$;
