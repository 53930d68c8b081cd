/**
 * Every statement of the data-subject requests and the erasure screens, in one place. Leads are
 * found by a sequential scan of `leads` (no index on the address: an index would cost every
 * insert of the intake for a request made a few times a year; docs/privacy.md has the numbers).
 * A lead holds an address when any of its fields equals it (`email`, a custom e-mail field):
 * the same rule as `addressesIn`. Never filtered by state, so every state (queued, unconfirmed,
 * spam, dead…) is covered. Times are parameters from the caller's clock.
 */
// The text search first: one pass over each payload's fields as text, ~5× cheaper than expanding
// them (bench:privacy); it can only over-select (the address inside a longer value), which the
// exact per-field test then drops. Addresses are ASCII (zod's rule), so JSON escaping never hides one.
const holdsAddress = `payload IS NOT NULL AND strpos(lower((payload->'fields')::text), $1) > 0 AND EXISTS (
    SELECT 1 FROM jsonb_each(CASE WHEN jsonb_typeof(payload->'fields') = 'object' THEN payload->'fields' END) AS f(name, value)
    WHERE jsonb_typeof(f.value) = 'string' AND lower(btrim(f.value #>> '{}')) = $1)`;

// The lead key of an idempotency key, as src/lib/queue/lead-id.ts computes it.
const leadKeyOf = (column: string) => `encode(sha256(convert_to(${column}, 'UTF8')), 'hex')`;

/** $1 the normalised address: every lead holding it, in any state. */
export const exportLeadsSql = `
SELECT id, state, received_at, settled_at, lane, group_key, form_id, payload, attempts, spam, dead_reason
FROM leads WHERE ${holdsAddress} ORDER BY id`;

/**
 * $1 the exported leads' ids: their mail jobs (confirmation, receipt). A job holds no address (the
 * worker reads it from the lead), but says what was or will be mailed to the person, and when.
 */
export const exportMailsSql = `
SELECT lead_id, kind, state, created_at, sent_at, attempts, dead_reason
FROM lead_mails WHERE lead_id = ANY($1::text[]) ORDER BY lead_id, kind`;

/** $1 address hash: the erasures of it, oldest first. */
export const exportErasuresSql = `
SELECT id, erased_at, removed, stopped, source FROM privacy_erasures WHERE address_hash = $1 ORDER BY erased_at`;

/** $1 normalised address: `lead.erased` events holding it (not yet taken by the CRM). */
export const exportEventsSql = `
SELECT id, created_at, due_at, attempts, last_error FROM privacy_events WHERE email = $1 ORDER BY created_at`;

/**
 * The erasure, in ONE statement (one transaction): delete every lead holding $1, record the
 * tombstone ($2 id, $3 address hash, $4 time, $6 source), the erased lead keys (of the deleted
 * leads and of the outbox entries $5), and the `lead.erased` event, due once the deleted leads'
 * delivery leases have ended (a call in flight lands before the event). $7 outbox lead ids.
 * Returns the deleted leads.
 */
export const eraseSql = `
WITH gone AS (
  DELETE FROM leads WHERE ${holdsAddress}
  RETURNING id, state, idempotency_key, jsonb_array_length(attempts) AS attempts,
    CASE WHEN lease_token IS NOT NULL THEN lease_expires_at END AS lease_end),
tally AS (SELECT state, count(*)::int AS n FROM gone GROUP BY state),
erasure AS (
  INSERT INTO privacy_erasures (id, address_hash, erased_at, removed, source)
  VALUES ($2, $3, $4, jsonb_build_object(
      'leads', coalesce((SELECT jsonb_object_agg(state, n) FROM tally), '{}'::jsonb),
      'attempts', (SELECT coalesce(sum(attempts), 0)::int FROM gone),
      'outbox', cardinality($5::text[])), $6)
  RETURNING id),
erased_keys AS (
  INSERT INTO privacy_erased_keys (lead_key, erasure_id)
  SELECT DISTINCT lead_key, (SELECT id FROM erasure) FROM (
    SELECT ${leadKeyOf('idempotency_key')} AS lead_key FROM gone WHERE idempotency_key NOT LIKE 'derived-%'
    UNION SELECT unnest($5::text[])) AS keys
  ON CONFLICT (lead_key) DO UPDATE SET erasure_id = EXCLUDED.erasure_id),
event AS (
  INSERT INTO privacy_events (id, erasure_id, event, email, lead_ids, created_at, due_at)
  SELECT id, id, 'lead.erased', $1,
    (SELECT coalesce(jsonb_agg(id ORDER BY id), '[]'::jsonb) FROM gone) || to_jsonb($7::text[]), $4,
    GREATEST($4::timestamptz, (SELECT max(lease_end) FROM gone))
  FROM erasure)
SELECT id, state, attempts FROM gone ORDER BY id`;

/**
 * The worker's screen, one statement per claimed batch: delete the claimed leads ($1 ids, $2 their
 * lease tokens) that an erasure covers, by an address hash ($3 lead ids, $4 hashes: parallel
 * arrays) erased at or after the lead arrived, or by an erased lead key; count them on their
 * erasure. Returns the stopped ids.
 */
export const stopClaimedSql = `
WITH hit AS (
  SELECT l.id, coalesce(e.id, k.erasure_id) AS erasure_id
  FROM leads l
  LEFT JOIN unnest($3::text[], $4::text[]) AS a(id, address_hash) ON a.id = l.id
  LEFT JOIN privacy_erasures e ON e.address_hash = a.address_hash AND e.erased_at >= l.received_at
  LEFT JOIN privacy_erased_keys k ON k.lead_key = ${leadKeyOf('l.idempotency_key')}
  WHERE l.id = ANY($1::text[]) AND l.state = 'queued' AND l.lease_token = ANY($2::text[])
    AND (e.id IS NOT NULL OR k.lead_key IS NOT NULL)),
gone AS (DELETE FROM leads WHERE id IN (SELECT id FROM hit) RETURNING id),
counted AS (
  UPDATE privacy_erasures SET stopped = stopped + s.n
  FROM (SELECT erasure_id, count(DISTINCT id)::int AS n FROM hit GROUP BY erasure_id) AS s
  WHERE privacy_erasures.id = s.erasure_id)
SELECT id FROM gone ORDER BY id`;

/**
 * The outbox mover's screen for one entry: $1 its address hashes, $2 when it arrived, $3 its lead
 * key. Counts it on the erasure that covers it; returns that erasure (none: not erased).
 */
export const stopOutboxEntrySql = `
WITH hit AS (
  (SELECT id FROM privacy_erasures WHERE address_hash = ANY($1::text[]) AND erased_at >= $2 ORDER BY erased_at LIMIT 1)
  UNION ALL
  (SELECT erasure_id FROM privacy_erased_keys WHERE lead_key = $3)
  LIMIT 1)
UPDATE privacy_erasures SET stopped = stopped + 1 WHERE id IN (SELECT id FROM hit) RETURNING id`;
