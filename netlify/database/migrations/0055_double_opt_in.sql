-- Double opt-in (docs/lead-capture.md, "Double opt-in"). A lead of a form that needs confirmation
-- is stored as `unconfirmed`: never claimed (it has no `due_at`), purged after
-- LEADS_UNCONFIRMED_RETENTION_DAYS unless its confirmation link moves it to `queued` in its lane.
-- `settled_at` of an unconfirmed lead is its arrival, so the retention purge and its count use the
-- existing `leads_settled` index (state, settled_at) and no index is built on deploy.
--
-- The state CHECK gains `unconfirmed` without scanning the table under an exclusive lock: the new
-- constraint is added NOT VALID here (checked for new rows only, instantly) and validated by
-- 0056_validate_lead_states.sql, in its own transaction, under a lock that lets reads and writes go on.
ALTER TABLE leads
  DROP CONSTRAINT leads_state_check,
  ADD CONSTRAINT leads_state_check
    CHECK (state IN ('queued', 'done', 'dead', 'spam', 'unconfirmed')) NOT VALID,
  -- When the visitor clicked the confirmation link (NULL: not a double opt-in lead, or not yet).
  ADD COLUMN confirmed_at timestamptz;

-- Mails the worker sends for a lead (the confirmation, later a receipt): one row per lead and kind,
-- written in the intake's own statement, claimed with a lease like a lead. No personal data here:
-- the address is read from `leads.payload` when sending, and the row goes with its lead.
CREATE TABLE lead_mails (
  lead_id text NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('confirmation', 'receipt')),
  state text NOT NULL CHECK (state IN ('pending', 'sent', 'dead')),
  -- When it may next be claimed: its creation, a retry time or its lease's end.
  due_at timestamptz,
  lease_token text,
  lease_expires_at timestamptz,
  attempt_count integer NOT NULL DEFAULT 0,
  -- Every attempt: [{ at, status, error? }], the error without any address (mail-errors.ts).
  attempts jsonb NOT NULL DEFAULT '[]'::jsonb,
  dead_reason text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  PRIMARY KEY (lead_id, kind),
  CONSTRAINT lead_mails_pending_are_due CHECK ((state = 'pending') = (due_at IS NOT NULL))
);

-- Claims: oldest due first, the pending ones only. Also the count of mails waiting.
CREATE INDEX lead_mails_due ON lead_mails (due_at, lead_id) WHERE state = 'pending';
