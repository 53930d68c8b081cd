-- A campaign's weight and pace cap from its launch ticket (docs/delivery.md, "Weights and caps").
-- The intake writes a campaign's row when a lead of it arrives and the row is missing or differs
-- (a CTE of the enqueue: no statement of its own, and no write while the ticket is unchanged);
-- the fair claim (src/lib/queue/lane-sql.ts) reads it by primary key for each waiting group.
-- Groups without a row (forms outside any campaign, leads from before this migration) weigh 1 and
-- have no cap.
CREATE TABLE lead_groups (
  group_key text PRIMARY KEY,
  -- The group's part of its lane relative to the other groups waiting there: 3 against 1 is 75 / 25.
  weight double precision NOT NULL DEFAULT 1 CHECK (weight > 0),
  -- At most this many leads claimed per second, all workers together; NULL: no cap.
  max_per_second double precision CHECK (max_per_second > 0),
  -- The cap's token bucket as of `tokens_at` (refilled at max_per_second, up to one second's worth),
  -- taken from in the claim's own statement under the row's lock. Idle since 1970: a full bucket.
  tokens double precision NOT NULL DEFAULT 0,
  tokens_at timestamptz NOT NULL DEFAULT 'epoch'
);
