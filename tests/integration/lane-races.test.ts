import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nextClaimableDueSql } from '../../src/lib/queue/lane-sql.ts';
import { createPostgresLeadPauses } from '../../src/lib/queue/lead-pauses.ts';
import type { ClaimedLead } from '../../src/lib/queue/lead-queue.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';

/**
 * Lanes and fair share with workers claiming side by side on a real PostgreSQL (the emulation runs
 * one session, so its claims never overlap). Every worker acks what it claims, as a drainer does.
 * Time is a shared virtual clock that moves one millisecond per claim; shares are counted in claim
 * order, never per second of the machine's time.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await realPostgresDatabase({ max: 24 });
}, 60_000);
afterAll(() => db.close());
beforeEach(() => db.query('TRUNCATE leads, lead_flows, lead_pauses, lead_groups CASCADE'));

const start = 1_700_000_000_000;
let clock = start;
const queue = () => createPostgresLeadQueue({ db, now: () => clock, random: Math.random });

/** Queue `count` leads of one flow in one statement, received at `at` (ids sort by arrival). */
async function flood(prefix: string, count: number, flow: [string, string, string], at: number) {
  await db.query(
    `INSERT INTO leads (id, idempotency_key, fingerprint, state, received_at, due_at, payload, lane, group_key, form_id)
     SELECT $1 || lpad(g::text, 8, '0'), $1 || g, 'f', 'queued', $3, $3, '{}'::jsonb, $4, $5, $6
     FROM generate_series(1, $2) AS g`,
    [prefix, count, new Date(at), ...flow],
  );
}

/** `workers` workers claim `batch` at a time and ack, until nothing is due; every claim in order. */
async function drainConcurrently(workers: number, batch: number, stopAfter = Infinity) {
  const order: ClaimedLead[] = [];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const mine = queue();
      while (order.length < stopAfter) {
        clock += 1;
        const claimed = await mine.claim(batch, 60_000);
        if (claimed.length === 0) return;
        order.push(...claimed);
        await mine.ackMany(claimed);
      }
    }),
  );
  return order;
}

const groupOf = (lead: ClaimedLead) => lead.flow?.group ?? '';

describe('lanes and fair share under concurrent workers', () => {
  it('4 workers deliver a mixed backlog exactly once, urgent first, bulk never starved', async () => {
    clock = start;
    await flood('b', 6_000, ['bulk', 'form:news', 'news'], start);
    await flood('u', 200, ['urgent', 'form:demo', 'demo'], start + 1);
    await flood('n', 2_000, ['normal', 'winter-sale', 'winter-offer'], start + 2);
    const workers = 4;
    const batch = 25;
    const order = await drainConcurrently(workers, batch);
    const ids = order.map((lead) => lead.id);
    expect(ids).toHaveLength(8_200);
    expect(new Set(ids).size).toBe(8_200);
    // Urgent (70 % of the pace while every lane waits) is through within its first few hundred claims:
    // 17 of each 25 claimed makes 12 claims (300 leads), and `order` is the order claims come back,
    // where up to two rounds of the other workers' claims (SKIP LOCKED skips what they hold) land in
    // between on a busy machine. First in, first out would put the last urgent lead after 6,000 bulk.
    const lastUrgent = order.findLastIndex((lead) => groupOf(lead) === 'form:demo');
    expect(lastUrgent).toBeLessThan(300 + 2 * workers * batch);
    // Bulk has 5 of 100 while all three wait, 5 of 30 once urgent is done: never nothing.
    const firstThousand = order.slice(0, 1_000).filter((lead) => groupOf(lead) === 'form:news').length;
    expect(firstThousand).toBeGreaterThanOrEqual(60);
    expect(firstThousand).toBeLessThanOrEqual(260);
    expect(await queue().depth()).toBe(0);
  });

  it('two campaigns backlogged together each get 45–55 % of every 200 claims while both wait', async () => {
    clock = start;
    await flood('a', 3_000, ['normal', 'winter-sale', 'winter-offer'], start);
    await flood('c', 3_000, ['normal', 'spring-launch', 'spring-offer'], start + 1);
    const order = await drainConcurrently(4, 20, 4_000);
    const window = 200;
    for (let from = 0; from + window <= 4_000; from += window) {
      const share =
        order.slice(from, from + window).filter((lead) => groupOf(lead) === 'winter-sale').length / window;
      expect(share).toBeGreaterThanOrEqual(0.45);
      expect(share).toBeLessThanOrEqual(0.55);
    }
    expect(new Set(order.map((lead) => lead.id)).size).toBe(order.length);
  });

  it("racing workers never take more than a capped campaign's bucket holds, nor the same lead twice", async () => {
    clock = start;
    // 100 a second: a bucket of 100, and 0.1 lead for each millisecond the shared clock moves.
    await db.query(
      `INSERT INTO lead_groups (group_key, weight, max_per_second) VALUES ('winter-sale', 1, 100)`,
    );
    await flood('a', 1_000, ['normal', 'winter-sale', 'winter-offer'], start);
    await flood('c', 3_000, ['normal', 'spring-launch', 'spring-offer'], start);
    const order = await drainConcurrently(4, 20, 2_000);
    const capped = order.filter((lead) => groupOf(lead) === 'winter-sale').length;
    expect(capped).toBeLessThanOrEqual(100 + 0.1 * (clock - start));
    // Its bucket's worth, not starved: the other campaign takes what the cap leaves.
    expect(capped).toBeGreaterThanOrEqual(100);
    expect(new Set(order.map((lead) => lead.id)).size).toBe(order.length);
  });

  it('a paused campaign keeps its leads while the others drain, and drains once resumed', async () => {
    clock = start;
    await flood('a', 500, ['normal', 'winter-sale', 'winter-offer'], start);
    await flood('c', 500, ['normal', 'spring-launch', 'spring-offer'], start);
    const pauses = createPostgresLeadPauses({ db, now: () => clock });
    await pauses.pause({ kind: 'campaign', key: 'winter-sale' });
    const during = await drainConcurrently(4, 20);
    expect(during.every((lead) => groupOf(lead) === 'spring-launch')).toBe(true);
    expect(during).toHaveLength(500);
    expect(await queue().depth()).toBe(500);
    await pauses.resume({ kind: 'campaign', key: 'winter-sale' });
    const after = await drainConcurrently(4, 20);
    expect(new Set(after.map((lead) => lead.id)).size).toBe(500);
    expect(await queue().depth()).toBe(0);
  });
});

describe('virtual time across idle periods', () => {
  it('a campaign back after a long idle starts level: neither old credit nor old debt counts', async () => {
    clock = start + 3_600_000;
    // Long ago, one campaign was far ahead and the other far behind in virtual time.
    await db.query(
      `INSERT INTO lead_flows (lane, group_key, form_id, vtime, cost, served_at)
       VALUES ('normal', 'winter-sale', 'winter-offer', 1e9, 0, $1), ('normal', 'spring-launch', 'spring-offer', 0, 0, $1)`,
      [new Date(start)],
    );
    await flood('a', 400, ['normal', 'winter-sale', 'winter-offer'], clock);
    await flood('c', 400, ['normal', 'spring-launch', 'spring-offer'], clock);
    const order = await drainConcurrently(1, 20, 200);
    expect(order.filter((lead) => groupOf(lead) === 'winter-sale')).toHaveLength(100);
  });
});

describe('the next claimable lead', () => {
  it('ignores paused flows, so a drainer waiting for retries does not poll a paused backlog', async () => {
    clock = start;
    await flood('a', 50, ['normal', 'winter-sale', 'winter-offer'], start);
    await flood('n', 1, ['bulk', 'form:news', 'news'], start + 30_000);
    const nextDue = async () =>
      (await db.query<{ next_due: Date | null }>(nextClaimableDueSql)).rows[0]?.next_due?.getTime();
    expect(await nextDue()).toBe(start);
    const pauses = createPostgresLeadPauses({ db, now: () => clock });
    await pauses.pause({ kind: 'campaign', key: 'winter-sale' });
    expect(await nextDue()).toBe(start + 30_000);
    await pauses.pause({ kind: 'lane', key: 'bulk' });
    expect(await nextDue()).toBeUndefined();
  });
});
