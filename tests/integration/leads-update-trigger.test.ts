import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';

/**
 * Migration 0111 folds the three AFTER UPDATE triggers on `leads` (per-state counts of 0001, ops
 * rollups of 0040, exact times to CRM of 0070) into one (`leads_updates`). These run statements
 * where the folded trigger could differ from the three: every transition in ONE statement, a
 * claim-shaped update, and two workers acking in the same minute. The three old functions are kept
 * by 0111, so each statement also runs, in a rolled-back transaction, under the three old triggers,
 * and both must leave the same counts, rollups and durations.
 */
let db: TestDatabase;
beforeAll(async () => {
  // One connection: BEGIN … ROLLBACK and the trigger swap stay in one session.
  db = await realPostgresDatabase({ max: 1 });
}, 60_000);
afterAll(() => db.close());
beforeEach(() => db.query('TRUNCATE leads, lead_counts, ops_minute, ops_ttc_buckets, ops_ttc_exact CASCADE'));

const t0 = Date.UTC(2026, 11, 7, 12, 0, 0);
const at = (ms: number) => new Date(t0 + ms).toISOString();

/** What the triggers keep, summed over shards (readers never look at a shard). */
const snapshotSql = `SELECT json_build_object(
  'counts', (SELECT json_agg(c ORDER BY state) FROM (
    SELECT state, sum(leads)::int AS leads FROM lead_counts GROUP BY state HAVING sum(leads) <> 0) c),
  'minutes', (SELECT json_agg(m ORDER BY minute, form_id, campaign) FROM (
    SELECT minute, form_id, campaign, sum(accepted)::int AS accepted, sum(spam)::int AS spam,
      sum(delivered)::int AS delivered, sum(retried)::int AS retried, sum(dead)::int AS dead,
      sum(redriven)::int AS redriven, sum(released)::int AS released, sum(ttc_count)::int AS ttc_count,
      sum(ttc_sum_ms)::text AS ttc_sum_ms, max(ttc_max_ms)::text AS ttc_max_ms
    FROM ops_minute GROUP BY minute, form_id, campaign) m),
  'buckets', (SELECT json_agg(b ORDER BY minute, form_id, campaign, bucket) FROM (
    SELECT minute, form_id, campaign, bucket, sum(deliveries)::int AS deliveries
    FROM ops_ttc_buckets GROUP BY minute, form_id, campaign, bucket) b),
  'exact', (SELECT json_agg(e ORDER BY minute, form_id, ms) FROM (
    SELECT minute, form_id, unnest(ttc_ms)::text AS ms FROM ops_ttc_exact) e),
  'exactRows', (SELECT count(*)::int FROM ops_ttc_exact)) AS snapshot`;

interface Snapshot {
  counts: { state: string; leads: number }[] | null;
  minutes: Record<string, string | number>[] | null;
  buckets: Record<string, string | number>[] | null;
  exact: { minute: string; form_id: string; ms: string }[] | null;
  exactRows: number;
}
const snapshot = async () => (await db.query<{ snapshot: Snapshot }>(snapshotSql)).rows[0].snapshot;

const oldTriggers = [
  'DROP TRIGGER leads_updates ON leads',
  ...[
    ['leads_count_updates', 'lead_counts_add'],
    ['leads_ops_updates', 'ops_rollup_update'],
    ['leads_ops_ttc_exact', 'ops_ttc_exact_update'],
  ].map(
    ([name, fn]) => `CREATE TRIGGER ${name} AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows
      NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  ),
];

/** The snapshot after `statement`, under the folded trigger and under the three old ones (both rolled back). */
async function bothWays(statement: string, params: unknown[]) {
  const results: Snapshot[] = [];
  for (const setup of [[], oldTriggers]) {
    await db.query('BEGIN');
    try {
      for (const sql of setup) await db.query(sql);
      await db.query(statement, params);
      results.push(await snapshot());
    } finally {
      await db.query('ROLLBACK');
    }
  }
  return { folded: results[0], old: results[1] };
}

interface Row {
  id: string;
  state: string;
  received: number;
  due?: number;
  lease?: string;
  attempts?: unknown[];
  settled?: number;
  payload?: unknown;
}

async function insert(rows: Row[]) {
  await db.query(
    `INSERT INTO leads (id, idempotency_key, fingerprint, state, received_at, due_at, lease_token, lease_expires_at,
       attempts, settled_at, payload)
     SELECT r.id, r.id, 'f', r.state, r.received_at, r.due_at, r.lease_token,
       CASE WHEN r.lease_token IS NOT NULL THEN r.due_at END, coalesce(r.attempts, '[]'), r.settled_at, r.payload
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, state text, received_at timestamptz, due_at timestamptz,
       lease_token text, attempts jsonb, settled_at timestamptz, payload jsonb)`,
    [
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          state: r.state,
          received_at: at(r.received),
          due_at: r.due === undefined ? null : at(r.due),
          lease_token: r.lease ?? null,
          attempts: r.attempts ?? [],
          settled_at: r.settled === undefined ? null : at(r.settled),
          payload: r.payload ?? null,
        })),
      ),
    ],
  );
}

/** One UPDATE moving each row to its target (payload: kept unless `payload` is given). */
const updateSql = `UPDATE leads l SET state = v.state, due_at = v.due_at, lease_token = v.lease_token,
    lease_expires_at = CASE WHEN v.lease_token IS NOT NULL THEN v.due_at END,
    attempts = coalesce(v.attempts, l.attempts), settled_at = v.settled_at,
    payload = CASE WHEN v.clear_payload THEN NULL ELSE l.payload END
  FROM jsonb_to_recordset($1::jsonb) AS v(id text, state text, due_at timestamptz, lease_token text,
    attempts jsonb, settled_at timestamptz, clear_payload boolean)
  WHERE l.id = v.id`;
const targets = (rows: (Omit<Row, 'received' | 'payload'> & { clearPayload?: boolean })[]) => [
  JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      state: r.state,
      due_at: r.due === undefined ? null : at(r.due),
      lease_token: r.lease ?? null,
      attempts: r.attempts ?? null,
      settled_at: r.settled === undefined ? null : at(r.settled),
      clear_payload: r.clearPayload ?? false,
    })),
  ),
];

const spring = { formId: 'demo', campaign: 'spring', fields: { email: 'a@example.com' } };
const autumn = { formId: 'other', utm: { utm_campaign: 'autumn' } };

describe('one update trigger for the counts, the rollups and the exact durations', () => {
  it('every transition in one statement: the same as the three triggers it replaces', async () => {
    await insert([
      { id: 'd1', state: 'queued', received: 0, due: 300_000, lease: 't', payload: spring },
      { id: 'd2', state: 'queued', received: 30_000, due: 300_000, lease: 't', payload: spring },
      { id: 'd3', state: 'queued', received: 0, due: 300_000, lease: 't', payload: autumn },
      { id: 'x1', state: 'queued', received: 0, due: 300_000, lease: 't', payload: autumn },
      { id: 'r1', state: 'queued', received: 0, due: 300_000, lease: 't', payload: spring },
      { id: 'r2', state: 'queued', received: 0, due: 300_000, lease: 't', payload: autumn },
      { id: 'l1', state: 'queued', received: 0, due: 300_000, lease: 't', payload: spring },
      { id: 'a1', state: 'dead', received: 0, settled: 10_000, payload: { formId: 'f'.repeat(150) } },
      { id: 's1', state: 'spam', received: 0, settled: 0, payload: {} },
      { id: 's2', state: 'spam', received: 0, settled: 0, payload: spring },
      { id: 'u1', state: 'unconfirmed', received: 0, settled: 0, payload: spring },
      { id: 'c1', state: 'queued', received: 0, due: 0, payload: spring },
      { id: 'p1', state: 'done', received: 0, settled: 5_000, payload: spring },
    ]);
    const before = await snapshot();
    const { folded, old } = await bothWays(
      updateSql,
      targets([
        { id: 'd1', state: 'done', settled: 90_000, clearPayload: true },
        { id: 'd2', state: 'done', settled: 95_000, clearPayload: true },
        { id: 'd3', state: 'done', clearPayload: true }, // delivered with no settling time
        { id: 'x1', state: 'dead', settled: 100_000, attempts: [{ at: t0 + 99_000, status: 500 }] },
        { id: 'r1', state: 'queued', due: 200_000, attempts: [{ at: t0 + 125_000, status: 503 }] },
        { id: 'r2', state: 'queued', due: 210_000, attempts: [{ at: 'garbage', status: 503 }] },
        { id: 'l1', state: 'queued', due: 10_000 }, // released unsent: nothing counted
        { id: 'a1', state: 'queued', due: 120_000 }, // redriven
        { id: 's1', state: 'queued', due: 130_000 }, // released from spam
        { id: 's2', state: 'unconfirmed', settled: 130_000 }, // released for its confirmation
        { id: 'u1', state: 'queued', due: 140_000 }, // confirmed
        { id: 'c1', state: 'queued', due: 300_000, lease: 'claim' }, // claimed
        { id: 'p1', state: 'done', settled: 5_000, clearPayload: true }, // receipt sent
      ]),
    );
    expect(folded).toEqual(old);
    expect(folded).not.toEqual(before);
    // Inserted: 8 queued, 1 dead, 2 spam, 1 unconfirmed, 1 done; spam is left with none.
    expect(folded.counts).toEqual([
      { state: 'dead', leads: 1 },
      { state: 'done', leads: 4 },
      { state: 'queued', leads: 7 },
      { state: 'unconfirmed', leads: 1 },
    ]);
    const sum = (column: string) =>
      (folded.minutes ?? []).reduce((total, row) => total + Number(row[column]), 0);
    expect([sum('delivered'), sum('dead'), sum('retried'), sum('redriven'), sum('released')]).toEqual([
      3, 1, 2, 1, 1,
    ]);
    expect(folded.exact?.map((e) => e.ms).sort()).toEqual(['65000', '90000']);
  });

  it('a claim moves nothing; a row leased straight from another state still moves the counts', async () => {
    await insert([
      { id: 'q1', state: 'queued', received: 0, due: 0, payload: spring },
      { id: 'q2', state: 'queued', received: 0, due: 0, payload: spring },
      { id: 'z1', state: 'dead', received: 0, settled: 0, payload: spring },
    ]);
    const claimed = await bothWays(
      updateSql,
      targets([
        { id: 'q1', state: 'queued', due: 60_000, lease: 'k' },
        { id: 'q2', state: 'queued', due: 60_000, lease: 'k' },
      ]),
    );
    expect(claimed.folded).toEqual(claimed.old);
    expect(claimed.folded).toEqual(await snapshot());
    const leasedFromDead = await bothWays(
      updateSql,
      targets([{ id: 'z1', state: 'queued', due: 60_000, lease: 'k' }]),
    );
    expect(leasedFromDead.folded).toEqual(leasedFromDead.old);
    // Inserted: 2 queued, 1 dead (the insert trigger); then the dead one moved to the queue.
    expect((await snapshot()).counts).toEqual([
      { state: 'dead', leads: 1 },
      { state: 'queued', leads: 2 },
    ]);
    expect(leasedFromDead.folded.counts).toEqual([{ state: 'queued', leads: 3 }]);
  });
});

describe('ops_ttc_bucket (0112) without numeric log', () => {
  it('gives the bucket of 0040 formula for every duration, powers of two and their neighbours included', async () => {
    const { rows } = await db.query<{ n: number; differ: number; buckets: number }>(
      `WITH v AS (
        SELECT 1000 * 2 ^ k * f AS ms FROM generate_series(0, 22) k, unnest(ARRAY[1, 1 - 1e-15, 1 + 1e-15,
          1 - 1e-12, 1 + 1e-12, 0.5000001, 0.75, 1.0000000000000002, 0.9999999999999998]::float8[]) f
        UNION ALL SELECT g * 997.0 FROM generate_series(0, 20000) g
        UNION ALL SELECT g / 1000.0 FROM generate_series(999000, 1001000) g
        UNION ALL SELECT -g FROM generate_series(0, 10) g)
      SELECT count(*)::int AS n, count(DISTINCT ops_ttc_bucket(ms))::int AS buckets,
        count(*) FILTER (WHERE ops_ttc_bucket(ms) IS DISTINCT FROM (CASE WHEN ms <= 1000 THEN 0
          ELSE LEAST(20, ceil(log(2, (ms / 1000.0)::numeric)))::smallint END))::int AS differ
      FROM v`,
    );
    expect(rows[0]).toEqual({ n: 23 * 9 + 20001 + 2001 + 11, buckets: 21, differ: 0 });
  });
});

describe('two workers acking in the same minute', () => {
  let pool: TestDatabase;
  beforeAll(async () => {
    pool = await realPostgresDatabase({ max: 4 });
  }, 60_000);
  afterAll(() => pool.close());

  it('count every delivery once, whichever shard each lands in', async () => {
    const clock = { now: t0 };
    const queue = createPostgresLeadQueue({ db: pool, now: () => clock.now, random: Math.random });
    for (let i = 0; i < 200; i += 1)
      await queue.enqueue({
        idempotencyKey: `k${i}`,
        fingerprint: `f${i}`,
        receivedAt: t0,
        payload: { formId: 'demo', campaign: 'spring', fields: { email: `${i}@example.com` } },
      });
    clock.now = t0 + 20_000;
    const workers = [0, 1, 2, 3].map(() =>
      createPostgresLeadQueue({ db: pool, now: () => clock.now, random: Math.random }),
    );
    const drain = async (worker: (typeof workers)[number]) => {
      for (;;) {
        const leads = await worker.claim(10, 60_000);
        if (leads.length === 0) return;
        await worker.ackMany(leads);
      }
    };
    await Promise.all(workers.map(drain));
    const { rows } = await pool.query<Record<string, number>>(
      `SELECT (SELECT sum(delivered)::int FROM ops_minute) AS delivered,
        (SELECT sum(ttc_count)::int FROM ops_minute) AS ttc_count,
        (SELECT sum(deliveries)::int FROM ops_ttc_buckets) AS bucketed,
        (SELECT count(*)::int FROM ops_ttc_exact, unnest(ttc_ms)) AS exact,
        (SELECT sum(leads)::int FROM lead_counts WHERE state = 'done') AS done,
        (SELECT coalesce(sum(leads), 0)::int FROM lead_counts WHERE state = 'queued') AS queued`,
    );
    expect(rows[0]).toEqual({
      delivered: 200,
      ttc_count: 200,
      bucketed: 200,
      exact: 200,
      done: 200,
      queued: 0,
    });
  });
});
