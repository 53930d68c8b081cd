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
 *
 * The statement is the body of the database function `floodgate_claim_fair` (migration
 * 0110_claim_ack_functions.sql, its only source, with a comment on each step): PL/pgSQL caches its
 * plan per session, through any pooler and on the emulation, where an unnamed statement was planned
 * again on every claim (about as long as running it). A change of the statement is a new migration
 * with `CREATE OR REPLACE FUNCTION` (never an edit of 0110). The columns are a claimed lead's
 * (lead-row.ts).
 */
export const claimFairSql = `SELECT id, idempotency_key, received_at, payload, attempts, attempt_count, lease_token,
  lease_expires_at, lane, group_key, form_id, confirmed_at, released_from_spam
FROM floodgate_claim_fair($1, $2, $3, $4, $5, $6)`;

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
 * holds, by the claim's own loose index scan of the flows (one descent per flow). (The plain
 * `min(due_at)` would see a paused backlog as due and keep a drainer polling.) The body of the
 * database function `floodgate_next_claimable_due` (migration 0110_claim_ack_functions.sql).
 */
export const nextClaimableDueSql = `SELECT floodgate_next_claimable_due() AS next_due`;
