-- What `npm run campaign:report` needs beyond the ops rollups of 0040 (src/lib/campaigns/outcome/),
-- kept by statement-level triggers on `leads` like those, so the intake and the worker run no
-- statement of their own. No PII: counts, a locale code, a sanitized UTM source, durations.
--
-- Why exact durations: 0040's log-2 buckets say "p50 is in (8 s, 16 s]", up to 2× off the delivery
-- records; a report that must match them needs the values. One bigint per delivered lead (8 bytes,
-- ~23 bytes with row and index overhead measured by `npm run bench:outcome-triggers`: ~23 MB per
-- million leads kept for the rollups' 400 days) gives p50/p95/max to the millisecond with percentile_disc.
-- Keyed by the minute the lead was RECEIVED: the report asks "how long did the leads of this
-- window take", the same question the delivery records answer.
-- Append-only: each delivering statement adds one row per (minute, form) it touched, with its
-- durations as one array (an ack batch is up to 50 leads). An upsert appending to one growing
-- array per minute would rewrite the whole array on every batch, and leave each old copy for vacuum.
CREATE TABLE ops_ttc_exact (
  minute timestamptz NOT NULL,
  form_id text NOT NULL,
  -- received → delivered (settled_at − received_at) of each lead delivered, in whole milliseconds.
  ttc_ms bigint[] NOT NULL
);
CREATE INDEX ops_ttc_exact_minute ON ops_ttc_exact (minute, form_id);

-- Submissions stored per minute received, form, locale and UTM source. The source is visitor input:
-- kept only when it looks like a source name (lower-case letters first, then letters, digits,
-- `.`, `_`, `-`, at most 40), else counted as `(other)`, so an address or a name typed into
-- utm_source never lands here; no source at all is `(none)`.
CREATE TABLE ops_sources (
  minute timestamptz NOT NULL,
  form_id text NOT NULL,
  locale text NOT NULL,
  source text NOT NULL,
  shard smallint NOT NULL,
  accepted integer NOT NULL DEFAULT 0,
  spam integer NOT NULL DEFAULT 0,
  PRIMARY KEY (minute, form_id, locale, source, shard)
);

CREATE FUNCTION ops_source_of(payload jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN coalesce(payload->'utm'->>'utm_source', '') = '' THEN '(none)'
    WHEN lower(payload->'utm'->>'utm_source') ~ '^[a-z][a-z0-9._-]{0,39}$' THEN lower(payload->'utm'->>'utm_source')
    ELSE '(other)' END
$$;

CREATE FUNCTION ops_sources_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ops_sources (minute, form_id, locale, source, shard, accepted, spam)
  SELECT date_trunc('minute', received_at), coalesce(left(payload->>'formId', 100), ''),
    CASE WHEN (payload->>'locale') ~ '^[a-z]{2}(-[A-Z]{2})?$' THEN payload->>'locale' ELSE '' END,
    ops_source_of(payload), pg_backend_pid() % 8,
    count(*) FILTER (WHERE state = 'queued'), count(*) FILTER (WHERE state = 'spam')
  FROM new_rows WHERE state IN ('queued', 'spam')
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (minute, form_id, locale, source, shard) DO UPDATE SET
    accepted = ops_sources.accepted + EXCLUDED.accepted, spam = ops_sources.spam + EXCLUDED.spam;
  RETURN NULL;
END $$;

-- A delivery (queued → done) appends its duration; every other update leaves at once (claims, the
-- most frequent, have no done row). The old row still carries the payload (the ack clears it).
CREATE FUNCTION ops_ttc_exact_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows WHERE state = 'done') THEN
    RETURN NULL;
  END IF;
  INSERT INTO ops_ttc_exact (minute, form_id, ttc_ms)
  SELECT date_trunc('minute', o.received_at), coalesce(left(o.payload->>'formId', 100), ''),
    array_agg(GREATEST(0, round(EXTRACT(EPOCH FROM (n.settled_at - o.received_at)) * 1000))::bigint)
  FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE o.state = 'queued' AND n.state = 'done' AND n.settled_at IS NOT NULL
  GROUP BY 1, 2;
  RETURN NULL;
END $$;

-- Retention without a purge of its own: these rows never outlive the 0040 rollups. Every lead
-- counted here is also counted in `ops_minute` at the minute it was received, so when the rollup
-- purge (src/lib/ops/rollup-retention.ts) forgets minutes, this forgets the same and older ones.
CREATE FUNCTION ops_outcomes_purge() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  newest timestamptz;
BEGIN
  SELECT max(minute) INTO newest FROM gone;
  IF newest IS NOT NULL THEN
    DELETE FROM ops_ttc_exact WHERE minute <= newest;
    DELETE FROM ops_sources WHERE minute <= newest;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER leads_ops_sources AFTER INSERT ON leads
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ops_sources_insert();
CREATE TRIGGER leads_ops_ttc_exact AFTER UPDATE ON leads
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ops_ttc_exact_update();
CREATE TRIGGER ops_minute_purges_outcomes AFTER DELETE ON ops_minute
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION ops_outcomes_purge();
