/**
 * The fair claim and the pause switches: lanes, groups and flows (netlify/database/migrations/
 * 0010_lanes.sql, 0075_lead_groups.sql, docs/delivery.md). Like every statement in lead-sql.ts,
 * each is ONE statement on an index, with times from the caller's clock.
 *
 * A flow is one (lane, group, form) with queued leads. A flow's share of a claim is
 *   its lane's share / the shares of the lanes with due leads     (unused lane share flows on)
 *   × its group's weight / the weights of the groups due in its lane   (campaign tickets; else 1)
 *   × 1 / the forms due in its group,
 * and the claim takes, across flows, the leads with the smallest virtual finish tags
 * (`start + k / share` for a flow's k-th due lead): weighted fair queuing, batch by batch. A flow's
 * virtual time survives between claims in `lead_flows`, so a 5 % lane gets one lead in every
 * twenty even when each batch holds ten. A flow that was idle (its oldest lead came after its
 * virtual time was last set) starts at the virtual time of the flows that kept waiting, so it
 * neither jumps the queue with credit it did not use nor waits behind them for old debt. With one flow due (a
 * single flood) nothing is written: there is no one to be fair to.
 *
 * A group with a cap (`lead_groups.max_per_second`) also takes no more leads than its token bucket
 * holds; the bucket is read under the group row's lock and charged in the same statement, so
 * racing claims take from it one after the other. A capped flow never banks the share its cap kept
 * it from using: when its bucket runs dry, its virtual time moves on with the batch.
 */

/** Columns a worker needs of a claimed lead (the same as lead-sql.ts's claim, plus where it came from). */
const claimedColumns = `leads.id, leads.idempotency_key, leads.received_at, leads.payload, leads.attempts,
  leads.attempt_count, leads.lease_token, leads.lease_expires_at, leads.lane, leads.group_key, leads.form_id,
  leads.confirmed_at, leads.spam IS NOT NULL AS released_from_spam`;

/**
 * Each flow with queued leads and its earliest `due_at`: a loose index scan of `leads_flows`, one
 * descent per flow, whatever the backlog.
 */
const flowsCte = `flows AS (
  (SELECT lane, group_key, form_id, due_at FROM leads WHERE state = 'queued'
   ORDER BY lane, group_key, form_id, due_at, id LIMIT 1)
  UNION ALL
  SELECT next.lane, next.group_key, next.form_id, next.due_at FROM flows f, LATERAL (
    SELECT lane, group_key, form_id, due_at FROM leads
    WHERE state = 'queued' AND (lane, group_key, form_id) > (f.lane, f.group_key, f.form_id)
    ORDER BY lane, group_key, form_id, due_at, id LIMIT 1) next
)`;

/** No pause holds flow `f` back: not its lane, its campaign (group) or its form. */
const notPaused = `NOT EXISTS (
    SELECT 1 FROM lead_pauses p
    WHERE (p.kind = 'lane' AND p.key = f.lane) OR (p.kind = 'campaign' AND p.key = f.group_key)
       OR (p.kind = 'form' AND p.key = f.form_id))`;

/**
 * Lease up to $3 due leads ($1 now, $2 lease end, $4 lease token), shared between flows as above;
 * $5 the lane names and $6 their shares (parallel arrays).
 *
 * Cost: one index descent per flow with queued leads (the loose scan of `leads_flows`), one
 * primary-key probe of `lead_groups` per flow, one short range for each of the (at most $3) flows
 * that can have a lead in the batch, locked with SKIP LOCKED as the plain claim does, a sort of
 * about 2 × $3 candidates, one `lead_flows` row per flow served, one `lead_groups` row per capped
 * group waiting, and the update. Nothing grows with the backlog. With one flow due (a single
 * flood), no flow row is written, so concurrent claimers share no row but the leads' (and a capped
 * group's bucket).
 */
export const claimFairSql = `
WITH RECURSIVE ${flowsCte},
due AS (
  SELECT f.lane, f.group_key, f.form_id, s.vtime,
    -- Idle since its virtual time was last set: its oldest lead came after that (or it is new).
    s.vtime IS NULL OR f.due_at > s.served_at AS idle,
    coalesce(($6::float8[])[array_position($5::text[], f.lane)],
             ($6::float8[])[array_position($5::text[], 'normal')]) AS lane_share,
    coalesce(g.weight, 1) AS weight, g.max_per_second IS NOT NULL AS capped
  FROM flows f LEFT JOIN lead_flows s USING (lane, group_key, form_id)
    LEFT JOIN lead_groups g ON g.group_key = f.group_key
  WHERE f.due_at <= $1 AND ${notPaused}
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
RETURNING ${claimedColumns}`;

/**
 * Pause a lane, campaign or form ($1 kind, $2 key, $3 now); pausing again keeps the first time
 * (the no-op update returns the row in force; `inserted` tells the two apart).
 */
export const pauseSql = `
INSERT INTO lead_pauses AS p (kind, key, paused_at) VALUES ($1, $2, $3)
ON CONFLICT (kind, key) DO UPDATE SET paused_at = p.paused_at
RETURNING paused_at, (xmax = 0) AS inserted`;

/** Resume it ($1 kind, $2 key): its flows are claimable again at once. */
export const resumeSql = `DELETE FROM lead_pauses WHERE kind = $1 AND key = $2 RETURNING paused_at`;

/** Every pause in force, oldest first. */
export const listPausesSql = `SELECT kind, key, paused_at FROM lead_pauses ORDER BY paused_at, kind, key`;

/** Campaigns whose ticket sets a weight other than 1 or a cap, for `leads:status` (a few rows). */
export const listTicketsSql = `
SELECT group_key, weight, max_per_second FROM lead_groups
WHERE weight <> 1 OR max_per_second IS NOT NULL ORDER BY group_key`;

/**
 * Queued leads per flow, for `leads:status` (per-lane depth, paused flows). An index-only count
 * of the queued part of `leads_flows` (about 0.6 s per million queued), so only the ops script
 * asks it, never a function on the request path.
 */
export const flowDepthSql = `
SELECT lane, group_key, form_id, count(*)::int AS depth FROM leads WHERE state = 'queued'
GROUP BY lane, group_key, form_id ORDER BY lane, group_key, form_id`;

/**
 * When the next lead the claim would take falls due: the earliest `due_at` of the flows no pause
 * holds. (The plain `min(due_at)` would see a paused backlog as due and keep a drainer polling.)
 */
export const nextClaimableDueSql = `
WITH RECURSIVE ${flowsCte}
SELECT min(f.due_at) AS next_due FROM flows f WHERE ${notPaused}`;
