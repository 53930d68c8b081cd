-- The launch review (src/lib/campaigns/review/): one message to the alert channel each time a
-- launch ticket is published or changed. One row per ticket with the hash of the version last
-- reviewed; claiming a review is one statement (an upsert that only wins when the hash differs),
-- so two runs racing each other send it once. No PII: ids, a hash, a verdict.
CREATE TABLE launch_reviews (
  campaign_id text PRIMARY KEY,
  -- SHA-256 of the ticket's fields as reviewed; '' after a failed send, so the next run retries.
  ticket_hash text NOT NULL,
  reviewed_at timestamptz NOT NULL,
  verdict text NOT NULL,
  send_error text
);
