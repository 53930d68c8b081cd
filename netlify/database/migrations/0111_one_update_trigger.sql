-- One AFTER UPDATE trigger on `leads` instead of three (issue 20, item 4). Every ack fired
-- `leads_count_updates` (0001), `leads_ops_updates` (0040) and `leads_ops_ttc_exact` (0070): three
-- trigger calls, each reading the transition tables again, parsing each row's payload twice, and
-- upserting rows shared by every writer whose backend pid fell in the same of 8 (16) shards, so
-- two workers acking in the same minute often waited for each other's row lock until commit. This
-- trigger does the same work from one join of the old and new rows, in one statement:
--
-- * `lead_counts` (0001): each state's net change, as `lead_counts_add` did. A lead's id is its
--   primary key and no statement changes it, so every updated row pairs with its old row.
-- * `ops_minute` and `ops_ttc_buckets` (0040): deliveries, retries, dead letters, redrives and
--   releases from spam at the minute they happened, per form and campaign, as `ops_rollup_update`.
-- * `ops_ttc_exact` (0070): each delivered lead's exact time to CRM, as `ops_ttc_exact_update`.
--
-- The form and campaign still come from the old row's payload (`formId`, and `ops_campaign_of`):
-- the `form_id` column is '' on rows stored before 0010 and on rows written by other means than
-- the intake, and `group_key` names the fair-share group (`form:<id>` outside a campaign), not the
-- campaign a report counts, so the columns would not give the same answers. The payload is parsed
-- once per changed row (it was parsed twice per delivered lead).
--
-- Shards: the writer's backend pid modulo 64 (was 8 for the rollups, 16 for the counts). A pool's
-- connections are opened together and get neighbouring pids, so up to 64 workers each write their
-- own rows and never wait for each other; readers sum every shard (at most one row per writer
-- active in a minute), so the sums are unchanged. The insert triggers keep their own shards.
--
-- Claims, the most frequent update, leave every row queued and leased: out after one look at the
-- new rows, as 0040's guard did (and at the old rows, for the counts: none of them left another
-- state, so no count moves).
CREATE FUNCTION leads_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows WHERE state <> 'queued' OR lease_token IS NULL) THEN
    -- No rollup counts such a statement (0040). A row that came from another state straight into
    -- a lease is no statement of the queue's; counted all the same.
    IF EXISTS (SELECT 1 FROM old_rows WHERE state <> 'queued') THEN
      INSERT INTO lead_counts (state, shard, leads)
      SELECT state, pg_backend_pid() % 64, sum(delta)
      FROM (SELECT state, 1 AS delta FROM new_rows UNION ALL SELECT state, -1 FROM old_rows) AS changes
      GROUP BY state
      HAVING sum(delta) <> 0
      ON CONFLICT (state, shard) DO UPDATE SET leads = lead_counts.leads + EXCLUDED.leads;
    END IF;
    RETURN NULL;
  END IF;
  WITH pairs AS MATERIALIZED (
    SELECT o.state AS was, n.state AS became, o.received_at, n.settled_at, o.payload,
      -- What the rollups count (0040): a delivery, a dead letter, a redrive, a release from spam,
      -- or a retry (one more attempt recorded on a lead that stays queued); else nothing.
      CASE
        WHEN o.state = 'queued' AND n.state = 'done' THEN 'delivered'
        WHEN o.state = 'queued' AND n.state = 'dead' THEN 'dead'
        WHEN o.state = 'dead' AND n.state = 'queued' THEN 'redriven'
        WHEN o.state = 'spam' AND n.state = 'queued' THEN 'released'
        WHEN o.state = 'queued' AND n.state = 'queued'
          AND jsonb_array_length(n.attempts) > jsonb_array_length(o.attempts) THEN 'retried' END AS outcome,
      -- The minute it happened: a retry's attempt time, a redrive's or release's due time, else
      -- the settling time. Never NULL and never a cast error: a failing trigger would fail the
      -- queue's own statement.
      date_trunc('minute', coalesce(CASE
        WHEN n.state = 'queued' AND o.state = 'queued' AND (n.attempts -> -1 ->> 'at') ~ '^[0-9]{1,15}$'
          THEN to_timestamp(((n.attempts -> -1 ->> 'at')::double precision) / 1000)
        WHEN n.state = 'queued' THEN n.due_at
        ELSE n.settled_at END, n.due_at, o.received_at)) AS minute
    FROM old_rows o JOIN new_rows n ON n.id = o.id
  ), counted AS (
    INSERT INTO lead_counts (state, shard, leads)
    SELECT d.state, pg_backend_pid() % 64, sum(d.delta)
    FROM pairs p, LATERAL (VALUES (p.became, 1), (p.was, -1)) AS d(state, delta)
    GROUP BY d.state
    HAVING sum(d.delta) <> 0
    ON CONFLICT (state, shard) DO UPDATE SET leads = lead_counts.leads + EXCLUDED.leads
  ), changes AS MATERIALIZED (
    -- The old row carries the payload (a delivery clears it in the same statement).
    SELECT p.minute, coalesce(left(p.payload->>'formId', 100), '') AS form_id,
      ops_campaign_of(p.payload) AS campaign, p.outcome, p.received_at, p.settled_at,
      CASE WHEN p.outcome = 'delivered'
        THEN GREATEST(0, EXTRACT(EPOCH FROM (p.settled_at - p.received_at)) * 1000) END AS ttc_ms
    FROM pairs p WHERE p.outcome IS NOT NULL
  ), minutes AS (
    INSERT INTO ops_minute (minute, form_id, campaign, shard, delivered, retried, dead, redriven, released,
      ttc_count, ttc_sum_ms, ttc_max_ms)
    SELECT minute, form_id, campaign, pg_backend_pid() % 64,
      count(*) FILTER (WHERE outcome = 'delivered'), count(*) FILTER (WHERE outcome = 'retried'),
      count(*) FILTER (WHERE outcome = 'dead'), count(*) FILTER (WHERE outcome = 'redriven'),
      count(*) FILTER (WHERE outcome = 'released'), count(ttc_ms),
      coalesce(sum(ttc_ms), 0)::bigint, coalesce(max(ttc_ms), 0)::bigint
    FROM changes GROUP BY 1, 2, 3
    ON CONFLICT (minute, form_id, campaign, shard) DO UPDATE SET
      delivered = ops_minute.delivered + EXCLUDED.delivered,
      retried = ops_minute.retried + EXCLUDED.retried,
      dead = ops_minute.dead + EXCLUDED.dead,
      redriven = ops_minute.redriven + EXCLUDED.redriven,
      released = ops_minute.released + EXCLUDED.released,
      ttc_count = ops_minute.ttc_count + EXCLUDED.ttc_count,
      ttc_sum_ms = ops_minute.ttc_sum_ms + EXCLUDED.ttc_sum_ms,
      ttc_max_ms = GREATEST(ops_minute.ttc_max_ms, EXCLUDED.ttc_max_ms)
  ), exact AS (
    -- Append-only (0070): one row per (minute received, form) this statement delivered.
    INSERT INTO ops_ttc_exact (minute, form_id, ttc_ms)
    SELECT date_trunc('minute', received_at), form_id,
      array_agg(GREATEST(0, round(EXTRACT(EPOCH FROM (settled_at - received_at)) * 1000))::bigint)
    FROM changes WHERE outcome = 'delivered' AND settled_at IS NOT NULL
    GROUP BY 1, 2
  )
  INSERT INTO ops_ttc_buckets (minute, form_id, campaign, bucket, shard, deliveries)
  SELECT minute, form_id, campaign, ops_ttc_bucket(ttc_ms), pg_backend_pid() % 64, count(*)
  FROM changes WHERE ttc_ms IS NOT NULL GROUP BY 1, 2, 3, 4
  ON CONFLICT (minute, form_id, campaign, bucket, shard) DO UPDATE SET
    deliveries = ops_ttc_buckets.deliveries + EXCLUDED.deliveries;
  RETURN NULL;
END $$;

DROP TRIGGER leads_count_updates ON leads;
DROP TRIGGER leads_ops_updates ON leads;
DROP TRIGGER leads_ops_ttc_exact ON leads;
-- The three functions stay (unused by any trigger): bench:ops-triggers and bench:outcome-triggers
-- put back the parts they do not measure from them.
CREATE TRIGGER leads_updates AFTER UPDATE ON leads
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION leads_after_update();
