/**
 * The fair claim and the pause switches: lanes, groups and flows (netlify/database/migrations/
 * 0010_lanes.sql, docs/delivery.md). Like every statement in lead-sql.ts, each is ONE statement on
 * an index, with times from the caller's clock.
 *
 * A flow is one (lane, group, form) with queued leads. A flow's share of a claim is
 *   its lane's share / the shares of the lanes with due leads     (unused lane share flows on)
 *   × 1 / the groups (campaigns, forms outside one) due in its lane
 *   × 1 / the forms due in its group,
 * and the claim takes, across flows, the leads with the smallest virtual finish tags
 * (`start + k / share` for a flow's k-th due lead): weighted fair queuing, batch by batch. A flow's
 * virtual time survives between claims in `lead_flows`, so a 5 % lane gets one lead in every
 * twenty even when each batch holds ten. A flow that was idle (its oldest lead came after its
 * virtual time was last set) starts at the virtual time of the flows that kept waiting, so it
 * neither jumps the queue with credit it did not use nor waits behind them for old debt. With one flow due (a
 * single flood) nothing is written: there is no one to be fair to.
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
 * Cost: one index descent per flow with queued leads (the loose scan of `leads_flows`), one short
 * range for each of the (at most $3) flows that can have a lead in the batch, locked with SKIP
 * LOCKED as the plain claim does, a sort of about 2 × $3 candidates, one `lead_flows` row per
 * flow served, and the update. Nothing grows with the backlog. With one flow due (a
 * single flood), no flow row is written, so concurrent claimers share no row but the leads'.
 */
export const claimFairSql = `
WITH RECURSIVE ${flowsCte},
due AS (
  SELECT f.lane, f.group_key, f.form_id, s.vtime,
    -- Idle since its virtual time was last set: its oldest lead came after that (or it is new).
    s.vtime IS NULL OR f.due_at > s.served_at AS idle,
    coalesce(($6::float8[])[array_position($5::text[], f.lane)],
             ($6::float8[])[array_position($5::text[], 'normal')]) AS lane_share
  FROM flows f LEFT JOIN lead_flows s USING (lane, group_key, form_id)
  WHERE f.due_at <= $1 AND ${notPaused}
),
lanes AS (SELECT lane, max(lane_share) AS share, count(DISTINCT group_key) AS groups FROM due GROUP BY lane),
groups AS (SELECT lane, group_key, count(*) AS forms FROM due GROUP BY lane, group_key),
clock AS (
  SELECT coalesce(min(vtime) FILTER (WHERE NOT idle), max(vtime), 0) AS v, count(*) AS flows FROM due
),
started AS (
  SELECT d.lane, d.group_key, d.form_id, d.idle,
    l.share / (SELECT sum(share) FROM lanes) / l.groups / g.forms AS share,
    -- An idle flow starts level with the flows that kept waiting: no credit for the time it had
    -- nothing to send, and no debt from long ago that would starve it now.
    CASE WHEN d.idle THEN c.v ELSE d.vtime END AS start
  FROM due d JOIN lanes l USING (lane) JOIN groups g USING (lane, group_key), clock c
),
-- Only a flow whose first tag is among the $3 smallest first tags can have a lead in the batch.
ranked AS (
  SELECT s.*, row_number() OVER (ORDER BY s.start + 1 / s.share) AS rank FROM started s
),
candidates AS (
  SELECT r.lane, r.group_key, r.form_id, c.id, r.start + c.k / r.share AS tag
  FROM ranked r, clock, LATERAL (
    SELECT locked.id, row_number() OVER (ORDER BY locked.due_at, locked.id) AS k FROM (
      SELECT id, due_at FROM leads
      WHERE state = 'queued' AND lane = r.lane AND group_key = r.group_key AND form_id = r.form_id
        AND due_at <= $1
      ORDER BY due_at, id
      -- Twice its share of the batch (a flow behind the others catches up a little), and at least
      -- an equal part of it, so flows with more leads fill what a nearly empty flow leaves.
      LIMIT LEAST($3::int - r.rank + 1, GREATEST(ceil(2 * $3::int * r.share), ceil($3::float8 / clock.flows)))::int
      FOR UPDATE SKIP LOCKED) locked) c
  WHERE r.rank <= $3
),
chosen AS (SELECT * FROM candidates ORDER BY tag, id LIMIT $3),
served AS (SELECT lane, group_key, form_id, max(tag) AS finish FROM chosen GROUP BY lane, group_key, form_id),
charged AS (
  INSERT INTO lead_flows AS f (lane, group_key, form_id, vtime, cost, served_at)
  SELECT s.lane, s.group_key, s.form_id, coalesce(v.finish, s.start), coalesce(v.finish, s.start) - s.start, $1
  FROM started s LEFT JOIN served v USING (lane, group_key, form_id)
  WHERE (SELECT flows FROM clock) > 1 AND (v.finish IS NOT NULL OR s.idle)
  -- Every claim locks flow rows in key order, so two claims never wait for each other in a circle.
  ORDER BY s.lane, s.group_key, s.form_id
  ON CONFLICT (lane, group_key, form_id) DO UPDATE SET
    vtime = GREATEST(f.vtime, EXCLUDED.vtime - EXCLUDED.cost) + EXCLUDED.cost,
    cost = EXCLUDED.cost, served_at = EXCLUDED.served_at
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
