-- Delivery coordination shared by every worker (the background drainer, the scheduled safety net,
-- `npm run leads:drain`): one row per concern, each changed by ONE atomic statement
-- (src/lib/delivery/delivery-sql.ts), so N workers need no heartbeats, no registry and no protocol
-- of their own. Times are the workers' clocks, passed in as parameters; states are named in
-- src/lib/delivery/delivery-states.ts.

-- Tokens in the bucket as of `updated_at`, refilled from the elapsed time, at the taker's rate, up
-- to its burst (see delivery_tokens_at).
CREATE TABLE delivery_pacer (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  tokens double precision NOT NULL,
  -- What the latest take granted: RETURNING sees only the new row, so the grant is carried out here.
  taken integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL
);
-- Idle since 1970: the first take finds a full bucket (LEADS_DELIVERY_BURST).
INSERT INTO delivery_pacer (tokens, updated_at) VALUES (0, 'epoch');

-- The bucket's tokens at `at`: never more than `burst`, and a clock behind the row's adds nothing.
CREATE FUNCTION delivery_tokens_at(
  tokens double precision, updated_at timestamptz, at timestamptz, rate double precision, burst double precision
) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
  SELECT LEAST(burst, tokens + GREATEST(0, EXTRACT(EPOCH FROM (at - updated_at))) * rate)
$$;

-- The circuit breaker: closed (calls flow) → open (nobody calls until `until`) → half-open (the
-- holder of `probe_token` makes one call; if it never reports, the slot lapses at `until`).
CREATE TABLE delivery_circuit (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  state text NOT NULL CHECK (state IN ('closed', 'open', 'half-open')),
  -- Consecutive retryable failures, all workers together; any success resets it.
  failures integer NOT NULL DEFAULT 0,
  opened_at timestamptz,
  until timestamptz,
  probe_token text,
  CONSTRAINT delivery_circuit_until CHECK ((state = 'closed') = (until IS NULL)),
  CONSTRAINT delivery_circuit_probe CHECK ((state = 'half-open') = (probe_token IS NOT NULL))
);
INSERT INTO delivery_circuit (state) VALUES ('closed');

-- The one background drainer: who holds the lease (a drainer's token, or 'starting' while one is
-- being started) and until when. An expired lease is free for anyone.
CREATE TABLE delivery_drainer (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  holder text,
  expires_at timestamptz NOT NULL
);
INSERT INTO delivery_drainer (holder, expires_at) VALUES (NULL, '-infinity');
