-- Lanes, fair share and pausing (docs/delivery.md). Every lead records at enqueue its lane (the
-- form's delivery priority), its group (the campaign's key, or `form:<form id>` outside any
-- campaign) and its form. A flow is one (lane, group, form): the claim (src/lib/queue/lane-sql.ts)
-- shares each batch between the flows with due leads by virtual time, in ONE statement.
-- The defaults keep rows written before this migration, and code that does not know the columns,
-- claimable: they form one flow in the normal lane. No CHECK on `lane`: validating one would scan
-- the whole table under an exclusive lock on deploy; the lane names are checked by zod at intake
-- (src/schemas/delivery-lanes.ts) and a lane the claim does not know gets the normal lane's share.
ALTER TABLE leads
  ADD COLUMN lane text NOT NULL DEFAULT 'normal',
  ADD COLUMN group_key text NOT NULL DEFAULT '',
  ADD COLUMN form_id text NOT NULL DEFAULT '';

-- The claim: a loose index scan finds each flow with queued leads (one descent per flow, however
-- long the backlog), then takes a flow's oldest due leads from the same index.
CREATE INDEX leads_flows ON leads (lane, group_key, form_id, due_at, id) WHERE state = 'queued';

-- A flow's virtual time: the finish tag of the last lead claimed from it (a lead costs
-- 1 / the flow's share). `cost` is what the latest claim charged, so a claim racing another adds its
-- charge to the newer value instead of overwriting it; `served_at` tells a flow that kept being
-- served from one coming back after idling (which starts at the others' virtual time, not behind).
CREATE TABLE lead_flows (
  lane text NOT NULL,
  group_key text NOT NULL,
  form_id text NOT NULL,
  vtime double precision NOT NULL,
  cost double precision NOT NULL DEFAULT 0,
  served_at timestamptz NOT NULL,
  PRIMARY KEY (lane, group_key, form_id)
);

-- What ops paused: a lane (`urgent` | `normal` | `bulk`), a campaign (its key) or a form (its id).
-- The claim skips paused flows; the intake keeps storing their leads. One row per pause, so pause
-- and resume are one idempotent statement each.
CREATE TABLE lead_pauses (
  kind text NOT NULL CHECK (kind IN ('lane', 'campaign', 'form')),
  key text NOT NULL,
  paused_at timestamptz NOT NULL,
  PRIMARY KEY (kind, key)
);
