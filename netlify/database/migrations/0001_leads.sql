-- The lead queue is this table (an outbox). A lead's life is its `state`:
--   queued → done (delivered; payload purged at once, the row kept LEADS_RETENTION_DAYS for audit)
--   queued → dead (gave up; payload and every attempt kept for redrive)    dead → queued (redrive)
--   spam (kept apart, never delivered; released into the queue or purged after LEADS_SPAM_RETENTION_DAYS)
-- Every operation in src/lib/queue/lead-sql.ts is one statement on one of the indexes below.
CREATE TABLE leads (
  id text PRIMARY KEY,
  idempotency_key text NOT NULL,
  -- SHA-256 of the submitted fields: the same key with other fields is refused (409), never merged.
  fingerprint text NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'done', 'dead', 'spam')),
  received_at timestamptz NOT NULL,
  -- When a queued lead may next be claimed: its arrival, a retry time or its lease's end.
  due_at timestamptz,
  lease_token text,
  lease_expires_at timestamptz,
  -- Claims since the lead was queued or redriven; a claim counts as an attempt until released.
  attempt_count integer NOT NULL DEFAULT 0,
  -- Every delivery attempt ever made, redrives included: [{ at, status, error? }].
  attempts jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- The lead (PII). NULL once delivered or purged.
  payload jsonb,
  -- Why the spam checks filed it as spam: { score, signals }.
  spam jsonb,
  dead_reason text,
  -- When the lead reached done, dead or spam.
  settled_at timestamptz,
  CONSTRAINT leads_idempotency_key UNIQUE (idempotency_key),
  CONSTRAINT leads_queued_are_due CHECK ((state = 'queued') = (due_at IS NOT NULL))
);

-- Claims: oldest due first. Also the depth and waiting/retrying counts (index-only).
CREATE INDEX leads_due ON leads (due_at, id) WHERE state = 'queued';
-- Leases in force: the in-flight count.
CREATE INDEX leads_leased ON leads (lease_expires_at) WHERE state = 'queued' AND lease_token IS NOT NULL;
-- The oldest lead not yet delivered.
CREATE INDEX leads_queued_received ON leads (received_at) WHERE state = 'queued';
-- Dead letters, spam and delivered leads by age: listings, counts and retention purges.
CREATE INDEX leads_settled ON leads (state, settled_at) WHERE state <> 'queued';

-- Counts per state, kept by the database itself so `leads:status` never counts a backlog row by
-- row (a million queued leads would take ~0.6 s to count). Statement-level triggers add each
-- statement's net change; the shard (the connection's backend pid) keeps concurrent writers off
-- each other's row. The status query sums at most 16 rows per state.
CREATE TABLE lead_counts (
  state text NOT NULL,
  shard smallint NOT NULL,
  leads bigint NOT NULL,
  PRIMARY KEY (state, shard)
);

CREATE FUNCTION lead_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lead_counts (state, shard, leads)
  SELECT state, pg_backend_pid() % 16, sum(delta)
  FROM (
    SELECT state, 1 AS delta FROM new_rows
    UNION ALL
    SELECT state, -1 AS delta FROM old_rows
  ) AS changes
  GROUP BY state
  HAVING sum(delta) <> 0
  ON CONFLICT (state, shard) DO UPDATE SET leads = lead_counts.leads + EXCLUDED.leads;
  RETURN NULL;
END $$;

-- Each event needs its own trigger (transition tables allow one event per trigger), and each
-- function must name both tables, so inserts and deletes see an empty table for the other side.
CREATE FUNCTION lead_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lead_counts (state, shard, leads)
  SELECT state, pg_backend_pid() % 16, count(*) FROM new_rows GROUP BY state
  ON CONFLICT (state, shard) DO UPDATE SET leads = lead_counts.leads + EXCLUDED.leads;
  RETURN NULL;
END $$;

CREATE FUNCTION lead_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lead_counts (state, shard, leads)
  SELECT state, pg_backend_pid() % 16, -count(*) FROM old_rows GROUP BY state
  ON CONFLICT (state, shard) DO UPDATE SET leads = lead_counts.leads + EXCLUDED.leads;
  RETURN NULL;
END $$;

CREATE FUNCTION lead_counts_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lead_counts;
  RETURN NULL;
END $$;

CREATE TRIGGER leads_count_inserts AFTER INSERT ON leads
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_counts_insert();
CREATE TRIGGER leads_count_updates AFTER UPDATE ON leads
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_counts_add();
CREATE TRIGGER leads_count_deletes AFTER DELETE ON leads
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_counts_delete();
CREATE TRIGGER leads_count_truncates AFTER TRUNCATE ON leads
  FOR EACH STATEMENT EXECUTE FUNCTION lead_counts_reset();
