import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlClient } from '../../src/lib/db/sql-client.ts';
import { readOpsMetrics } from '../../src/lib/ops/read-metrics.ts';
import { countingRefusals, createRefusalRecorder } from '../../src/lib/ops/refusal-recorder.ts';
import { purgeRollups } from '../../src/lib/ops/rollup-retention.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { faultyClient, realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';

/** The rollups of migration 0040, kept by triggers on `leads`, on a real PostgreSQL server. */
let db: TestDatabase;
beforeAll(async () => {
  db = await realPostgresDatabase({ max: 8 });
}, 60_000);
afterAll(() => db.close());
beforeEach(() => db.query('TRUNCATE leads, ops_minute, ops_ttc_buckets, ops_refusals CASCADE'));

const start = Date.UTC(2026, 11, 7, 12, 0, 0);
const minute = 60_000;
let clock = start;
const queue = () => createPostgresLeadQueue({ db, now: () => clock, random: Math.random });
const lead = (key: string, receivedAt: number, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: key,
  fingerprint: `f-${key}`,
  receivedAt,
  payload: { formId: 'demo', utm: { utm_campaign: 'spring' }, email: `${key}@example.com`, ...extra },
});
const rollups = async () =>
  (
    await db.query<Record<string, number | string>>(
      `SELECT form_id, campaign, sum(accepted)::int AS accepted, sum(spam)::int AS spam,
        sum(delivered)::int AS delivered, sum(retried)::int AS retried, sum(dead)::int AS dead,
        sum(redriven)::int AS redriven, sum(released)::int AS released, sum(ttc_count)::int AS ttc_count,
        sum(ttc_sum_ms)::float8 AS ttc_sum_ms, max(ttc_max_ms)::float8 AS ttc_max_ms
       FROM ops_minute GROUP BY form_id, campaign`,
    )
  ).rows;

describe('per-minute rollups kept by the database', () => {
  it('count accepted and spam per form and campaign, with no PII in any column', async () => {
    clock = start;
    await queue().enqueue(lead('a', start));
    await queue().enqueue(lead('b', start + 1_000));
    await queue().enqueue(lead('c', start + 2_000), { score: 9, signals: ['honeypot'] });
    await queue().enqueue(lead('a', start + 3_000)); // a retry of the same key: no new lead, no count
    expect(await rollups()).toEqual([
      expect.objectContaining({ form_id: 'demo', campaign: 'spring', accepted: 2, spam: 1 }),
    ]);
    const all = JSON.stringify((await db.query('SELECT * FROM ops_minute')).rows);
    expect(all).not.toContain('@example.com');
  });

  it('count deliveries with their time to CRM, retries, dead letters, redrives and releases', async () => {
    clock = start;
    for (const key of ['a', 'b', 'c', 'd']) await queue().enqueue(lead(key, start));
    await queue().enqueue(lead('s', start), { score: 9, signals: ['honeypot'] });
    clock = start + 90_000;
    const claimed = await queue().claim(10, 30_000);
    const [a, b, c, d] = claimed;
    if (!a || !b || !c || !d) throw new Error('four leads expected');
    await queue().ackMany([a, b]); // 90 s after arrival
    await queue().nack(c, { at: clock, status: 503 }, clock + 1_000);
    await queue().deadLetter(d, { at: clock, status: 400 }, 'refused by the CRM');
    clock = start + 5 * minute;
    await queue().redrive('all');
    await queue().releaseSpam('all');
    expect(await rollups()).toEqual([
      expect.objectContaining({
        ...{ accepted: 4, spam: 1, delivered: 2, retried: 1, dead: 1, redriven: 1, released: 1 },
        ...{ ttc_count: 2, ttc_sum_ms: 180_000, ttc_max_ms: 90_000 },
      }),
    ]);
    // 90 s lies in (64 s, 128 s]: bucket 7.
    const buckets = await db.query(
      'SELECT bucket, sum(deliveries)::int AS n FROM ops_ttc_buckets GROUP BY bucket',
    );
    expect(buckets.rows).toEqual([{ bucket: 7, n: 2 }]);
  });

  it('claims and releases add nothing (they are not outcomes)', async () => {
    clock = start;
    await queue().enqueue(lead('a', start));
    const [claimed] = await queue().claim(1, 30_000);
    if (!claimed) throw new Error('a lead expected');
    await queue().release(claimed, start + 1_000);
    expect(await rollups()).toEqual([expect.objectContaining({ accepted: 1, delivered: 0, retried: 0 })]);
  });

  it('the metrics read rollups into the last hour, with depth, clears-by and refusals', async () => {
    clock = start;
    for (let i = 0; i < 30; i += 1) await queue().enqueue(lead(`k${i}`, start + i * 100));
    clock = start + 2 * minute;
    const batch = await queue().claim(20, 30_000);
    await queue().ackMany(batch);
    const recorder = createRefusalRecorder({ db, now: () => clock, flushEveryMs: 10_000 });
    recorder.record('400');
    recorder.record('503');
    recorder.record('503');
    await recorder.flush();
    const metrics = await readOpsMetrics(db, { now: start + 2 * minute + 30_000, pacePerMinute: 600 });
    expect(metrics).toMatchObject({
      depth: 10,
      oldestQueuedSeconds: 148,
      deadLetters: 0,
      breaker: { state: 'closed', until: null },
      refusedByReason: { '400': 1, '503': 2 },
      byForm: [{ formId: 'demo', campaign: 'spring', accepted: 30, spam: 0, delivered: 20, dead: 0 }],
    });
    expect(metrics.perMinute).toHaveLength(60);
    expect(metrics.perMinute.slice(-3)).toEqual([
      expect.objectContaining({ minute: new Date(start).toISOString(), accepted: 30, depth: 30 }),
      expect.objectContaining({ accepted: 0, delivered: 0, depth: 30 }),
      expect.objectContaining({ delivered: 20, refused: 3, unavailable: 2, depth: 10 }),
    ]);
    // 20 delivered and 30 arrived over the 4.5 minutes looked at: the backlog is not clearing.
    expect(metrics.clearsAt).toBeNull();
    expect(metrics.timeToCrm.count).toBe(20);
  });

  it('refusals are written one upsert per flush interval, and kept through a failed flush', async () => {
    let down = true;
    let time = start;
    let statements = 0;
    const counting = faultyClient(db, () => down);
    const client: SqlClient = {
      query<Row>(text: string, params?: readonly unknown[]) {
        statements += 1;
        return counting.query<Row>(text, params);
      },
    };
    const recorder = createRefusalRecorder({ db: client, now: () => time, flushEveryMs: 10_000 });
    for (let i = 0; i < 500; i += 1) recorder.record('503');
    expect(statements).toBe(0);
    time += 10_000;
    recorder.record('503'); // due: a flush starts, and fails while the store is down
    await recorder.flush(); // waits for it, then tries once more: still down
    expect(statements).toBe(2);
    down = false;
    await recorder.flush();
    const rows = await db.query('SELECT reason, refusals FROM ops_refusals');
    expect(rows.rows).toEqual([{ reason: '503', refusals: 501 }]);
    expect(statements).toBe(3);
  });

  it('a wrapped lead handler counts its refusals by status, and nothing for a 202', async () => {
    const recorder = createRefusalRecorder({ db, now: () => start });
    const statuses = [202, 409, 400, 202, 409];
    const handler = countingRefusals(async () => new Response(null, { status: statuses.shift() }), recorder);
    for (let i = 0; i < 5; i += 1) await handler();
    await recorder.flush();
    const { rows } = await db.query('SELECT reason, refusals FROM ops_refusals ORDER BY reason');
    expect(rows).toEqual([
      { reason: '400', refusals: 1 },
      { reason: '409', refusals: 2 },
    ]);
  });

  it('retention forgets rollups older than the window and keeps the rest', async () => {
    clock = start;
    await queue().enqueue(lead('old', start - 401 * 86_400_000));
    await queue().enqueue(lead('new', start));
    const recorder = createRefusalRecorder({ db, now: () => start - 500 * 86_400_000 });
    recorder.record('409');
    await recorder.flush();
    expect(await purgeRollups(db, start, 400)).toBe(2);
    expect((await db.query('SELECT count(*)::int AS n FROM ops_minute')).rows).toEqual([{ n: 1 }]);
  });
});
