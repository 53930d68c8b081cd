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
