-- Data-subject requests (docs/privacy.md, src/lib/privacy/). An erasure deletes every lead whose
-- fields hold the address, in ONE statement, and leaves a tombstone that holds no address: a keyed
-- hash of it (HMAC-SHA256 with PRIVACY_HASH_SECRET) and the erasure time. Whatever was submitted
-- before that time and surfaces later (an outbox copy moved in, a lead claimed by a worker) is
-- stopped where delivery happens; a sign-up received after it is a new consent and is delivered.
CREATE TABLE privacy_erasures (
  id text PRIMARY KEY,
  -- hex HMAC-SHA256 of the normalised address (trimmed, NFC, lower case); never the address.
  address_hash text NOT NULL,
  erased_at timestamptz NOT NULL,
  -- What went: { leads: { <state>: n }, attempts: n, outbox: n }. Counts only.
  removed jsonb NOT NULL,
  -- Copies submitted before the erasure that turned up later and were stopped (worker, mover).
  stopped integer NOT NULL DEFAULT 0,
  -- Who asked: 'cli' or 'ops'.
  source text NOT NULL
);
-- The screens' lookup: a claimed lead's address hashes against erasures after its arrival.
CREATE INDEX privacy_erasures_address ON privacy_erasures (address_hash, erased_at);

-- The lead keys (SHA-256 of the idempotency key, as lead ids and outbox keys use) of erased leads:
-- a page script retrying an erased submission with its old key arrives after the erasure, so the
-- address rule alone would take it for a new sign-up. Keys derived for no-JS posts are left out:
-- such a post is the visitor submitting again, never an automatic retry (src/lib/leads/idempotency-key.ts).
CREATE TABLE privacy_erased_keys (
  lead_key text PRIMARY KEY,
  erasure_id text NOT NULL REFERENCES privacy_erasures (id) ON DELETE CASCADE
);

-- Signed `lead.erased` events for the CRM (docs/crm-webhook.md), sent by the delivery worker and
-- the safety net, retried until the CRM takes them. The address is the one piece of PII kept
-- outside `leads.payload`: the CRM needs it to find its own copy; it is cleared once sent.
CREATE TABLE privacy_events (
  id text PRIMARY KEY,
  erasure_id text NOT NULL REFERENCES privacy_erasures (id) ON DELETE CASCADE,
  event text NOT NULL CHECK (event IN ('lead.erased')),
  email text,
  lead_ids jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  -- When it may next be sent (after the erased leads' delivery leases end), or its lease's end;
  -- NULL once sent.
  due_at timestamptz,
  lease_token text,
  attempts integer NOT NULL DEFAULT 0,
  -- The last failure: status or error class only (a CRM's answer may echo the address).
  last_error text,
  sent_at timestamptz,
  CONSTRAINT privacy_events_due CHECK ((sent_at IS NULL) = (due_at IS NOT NULL)),
  CONSTRAINT privacy_events_email CHECK (sent_at IS NULL OR email IS NULL)
);
CREATE INDEX privacy_events_due ON privacy_events (due_at) WHERE sent_at IS NULL;
