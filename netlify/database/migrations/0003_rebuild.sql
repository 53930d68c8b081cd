-- Rebuild coalescing: every relevant Contentful webhook is an event in a window; one build hook
-- call is made per window. A window's life is its `state` (named in src/lib/rebuild/window-state.ts):
--   open (collecting; at most one) → due (a later event found it closed) → claimed (a closer holds a
--   lease and calls the build hook) → built, or failed (due again at a retry time) → claimed → …
-- An open window past its close and a claimed window whose lease ran out are claimable as well.
-- Every operation in src/lib/rebuild/rebuild-sql.ts is one statement on one of the indexes below.
CREATE TABLE rebuild_windows (
  id text PRIMARY KEY,
  state text NOT NULL CHECK (state IN ('open', 'due', 'claimed', 'failed', 'built')),
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  -- When a closer may take the window: its close, its lease's end, or its retry time. NULL once built.
  due_at timestamptz,
  lease_token text,
  lease_expires_at timestamptz,
  -- Build hook calls that failed for this window (each with its own retries).
  failed_calls integer NOT NULL DEFAULT 0,
  built_at timestamptz,
  -- The call that built it.
  call_id text,
  CONSTRAINT rebuild_windows_due CHECK ((state = 'built') = (due_at IS NULL))
);

-- At most one window collects events: concurrent webhooks join it through ON CONFLICT.
CREATE UNIQUE INDEX rebuild_windows_one_open ON rebuild_windows (state) WHERE state = 'open';
-- Claims (oldest due first) and the next wake-up of a waiting closer.
CREATE INDEX rebuild_windows_claimable ON rebuild_windows (due_at) WHERE state <> 'built';
-- Status listings (newest first) and the retention purge of built windows.
CREATE INDEX rebuild_windows_opened ON rebuild_windows (opens_at);
CREATE INDEX rebuild_windows_built ON rebuild_windows (built_at) WHERE state = 'built';

-- One row per verified, relevant webhook.
CREATE TABLE rebuild_events (
  id text PRIMARY KEY,
  -- Contentful's HMAC-SHA256 over method, path, signed headers (the timestamp among them) and body:
  -- it names one signed request, so a replayed request is recorded once.
  signature text NOT NULL,
  window_id text NOT NULL REFERENCES rebuild_windows (id) ON DELETE CASCADE,
  received_at timestamptz NOT NULL,
  topic text NOT NULL,
  entity_type text NOT NULL,
  action text NOT NULL,
  entity_id text NOT NULL,
  content_type text,
  label text,
  -- Contentful sends the same key again when it retries a delivery (a new signature).
  idempotency_key text,
  CONSTRAINT rebuild_events_signature UNIQUE (signature)
);

-- A window's events (build title, counts) and recent events for status.
CREATE INDEX rebuild_events_window ON rebuild_events (window_id, received_at);
CREATE INDEX rebuild_events_received ON rebuild_events (received_at);

-- One row per build hook call (with its retries), for status and the deploy's history.
CREATE TABLE rebuild_calls (
  id text PRIMARY KEY,
  window_ids text[] NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  ok boolean NOT NULL,
  title text NOT NULL,
  event_count integer NOT NULL,
  -- [{ at, ms, status?, error? }]
  attempts jsonb NOT NULL
);

CREATE INDEX rebuild_calls_started ON rebuild_calls (started_at);
