-- Per-minute rollups for /ops/, alerts and reports (src/lib/ops/), kept by the database itself:
-- statement-level triggers on `leads` add each statement's net outcome, so no reader ever counts
-- `leads` row by row and the intake runs no extra statement of its own. The figures hold no PII
-- and outlive the leads they count (purged after OPS_ROLLUP_RETENTION_DAYS, default 400).
--
-- `shard` (the writer's backend pid) keeps concurrent writers off each other's row, as in
-- `lead_counts`; readers sum at most 8 rows per key. Minutes are the work's own times (received_at,
-- settled_at, the attempt's time), which come from the writers' clocks, never the database's now().
-- `campaign` is the lead's `campaign` if the payload carries one, else its utm_campaign (cut to 64
-- characters so a hostile value cannot bloat a row).
CREATE TABLE ops_minute (
  minute timestamptz NOT NULL,
  form_id text NOT NULL,
  campaign text NOT NULL,
  shard smallint NOT NULL,
  accepted integer NOT NULL DEFAULT 0,
  spam integer NOT NULL DEFAULT 0,
  delivered integer NOT NULL DEFAULT 0,
  retried integer NOT NULL DEFAULT 0,
  dead integer NOT NULL DEFAULT 0,
  -- Back on the queue from dead letters (redrive) or from spam (release): the depth history needs them.
  redriven integer NOT NULL DEFAULT 0,
  released integer NOT NULL DEFAULT 0,
  -- Time to CRM (received → delivered) of the leads delivered in this minute, in milliseconds.
  ttc_count integer NOT NULL DEFAULT 0,
  ttc_sum_ms bigint NOT NULL DEFAULT 0,
  ttc_max_ms bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (minute, form_id, campaign, shard)
);

-- Time to CRM by fixed log-2 buckets, so p50/p95 over any range come from sums: bucket b holds
-- deliveries taking at most 2^b seconds (and more than 2^(b-1)); 0 is ≤ 1 s, 20 (~12 days) is the rest.
CREATE TABLE ops_ttc_buckets (
  minute timestamptz NOT NULL,
  form_id text NOT NULL,
  campaign text NOT NULL,
  bucket smallint NOT NULL,
  shard smallint NOT NULL,
  deliveries integer NOT NULL,
  PRIMARY KEY (minute, form_id, campaign, bucket, shard)
);

-- Refusals never touch `leads` (400, 409, 413, 503…): the function counts them in memory and
-- flushes one upsert every few seconds (src/lib/ops/refusal-recorder.ts).
CREATE TABLE ops_refusals (
  minute timestamptz NOT NULL,
  reason text NOT NULL,
  refusals integer NOT NULL,
  PRIMARY KEY (minute, reason)
);

-- Alert rules' state: one row per rule, each transition one statement (src/lib/ops/alert-sql.ts),
-- so two evaluators racing each other send every message once.
CREATE TABLE ops_alerts (
  rule text PRIMARY KEY,
  firing boolean NOT NULL,
  since timestamptz NOT NULL,
  notified_at timestamptz NOT NULL,
  resolved_at timestamptz,
  summary text NOT NULL DEFAULT '',
  -- The latest send that failed after its retries, shown on /ops/; NULL once a send succeeds.
  send_error text,
  send_error_at timestamptz
);

CREATE FUNCTION ops_campaign_of(payload jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT left(coalesce(payload->>'campaign', payload->'utm'->>'utm_campaign', ''), 64)
$$;

-- Time to CRM bucket of a duration in milliseconds (see ops_ttc_buckets).
CREATE FUNCTION ops_ttc_bucket(ms double precision) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN ms <= 1000 THEN 0
    ELSE LEAST(20, ceil(log(2, (ms / 1000.0)::numeric)))::smallint END
$$;

CREATE FUNCTION ops_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ops_minute (minute, form_id, campaign, shard, accepted, spam)
  SELECT date_trunc('minute', received_at), coalesce(left(payload->>'formId', 100), ''),
    ops_campaign_of(payload), pg_backend_pid() % 8,
    count(*) FILTER (WHERE state = 'queued'), count(*) FILTER (WHERE state = 'spam')
  FROM new_rows WHERE state IN ('queued', 'spam')
  GROUP BY 1, 2, 3
  ON CONFLICT (minute, form_id, campaign, shard) DO UPDATE SET
    accepted = ops_minute.accepted + EXCLUDED.accepted, spam = ops_minute.spam + EXCLUDED.spam;
  RETURN NULL;
END $$;

-- Updates: a claim or a release changes nothing counted and adds nothing; a delivery,
-- a retry, a dead letter, a redrive or a release from spam adds one to its column. The old row
-- carries the payload (a delivery clears it in the same statement).
CREATE FUNCTION ops_rollup_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Claims, the most frequent update, leave every row queued and leased: out before any join.
  IF NOT EXISTS (SELECT 1 FROM new_rows WHERE state <> 'queued' OR lease_token IS NULL) THEN
    RETURN NULL;
  END IF;
  -- One statement: the changes are read once and feed both rollups (a data-modifying CTE).
  WITH changes AS (
    -- Never NULL and never a cast error: a failing trigger would fail the queue's own statement.
    SELECT date_trunc('minute', coalesce(CASE
        WHEN n.state = 'queued' AND o.state = 'queued' AND (n.attempts -> -1 ->> 'at') ~ '^[0-9]{1,15}$'
          THEN to_timestamp(((n.attempts -> -1 ->> 'at')::double precision) / 1000)
        WHEN n.state = 'queued' THEN n.due_at
        ELSE n.settled_at END, n.due_at, o.received_at)) AS minute,
      coalesce(left(o.payload->>'formId', 100), '') AS form_id, ops_campaign_of(o.payload) AS campaign,
      CASE
        WHEN n.state = 'done' THEN 'delivered'
        WHEN n.state = 'dead' THEN 'dead'
        WHEN o.state = 'dead' THEN 'redriven'
        WHEN o.state = 'spam' THEN 'released'
        ELSE 'retried' END AS outcome,
      CASE WHEN n.state = 'done'
        THEN GREATEST(0, EXTRACT(EPOCH FROM (n.settled_at - o.received_at)) * 1000) END AS ttc_ms
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.state = 'queued' AND n.state IN ('done', 'dead'))
       OR (o.state IN ('dead', 'spam') AND n.state = 'queued')
       OR (o.state = 'queued' AND n.state = 'queued'
           AND jsonb_array_length(n.attempts) > jsonb_array_length(o.attempts))
  ), minutes AS (
    INSERT INTO ops_minute (minute, form_id, campaign, shard, delivered, retried, dead, redriven, released,
      ttc_count, ttc_sum_ms, ttc_max_ms)
    SELECT minute, form_id, campaign, pg_backend_pid() % 8,
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
  )
  INSERT INTO ops_ttc_buckets (minute, form_id, campaign, bucket, shard, deliveries)
  SELECT minute, form_id, campaign, ops_ttc_bucket(ttc_ms), pg_backend_pid() % 8, count(*)
  FROM changes WHERE ttc_ms IS NOT NULL GROUP BY 1, 2, 3, 4
  ON CONFLICT (minute, form_id, campaign, bucket, shard) DO UPDATE SET
    deliveries = ops_ttc_buckets.deliveries + EXCLUDED.deliveries;
  RETURN NULL;
END $$;

CREATE TRIGGER leads_ops_inserts AFTER INSERT ON leads
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ops_rollup_insert();
CREATE TRIGGER leads_ops_updates AFTER UPDATE ON leads
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ops_rollup_update();

