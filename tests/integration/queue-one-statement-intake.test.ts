import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PauseTarget } from '../../src/schemas/delivery-lanes.ts';
import { listTicketsSql } from '../../src/lib/queue/lane-sql.ts';
import { createPostgresLeadPauses } from '../../src/lib/queue/lead-pauses.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { emulatedDatabase, realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { sampleLead } from '../fixtures/lead-queue-contract.ts';

/**
 * The intake's enqueue is one statement: the lead, its idempotency and the drainer's wake-up are
 * decided together (src/lib/queue/lead-sql.ts `enqueueSql`). On the emulation and on a real
 * PostgreSQL; the race for the drainer lease only on the real one (the emulation is one session).
 */
const databases: Record<string, TestDatabase> = {};
beforeAll(async () => {
  [databases.emulation, databases.postgres] = await Promise.all([
    emulatedDatabase(),
    realPostgresDatabase({ max: 24 }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all(Object.values(databases).map((db) => db.close()));
});

const start = 1_700_000_000_000;
const reservationMs = 60_000;

for (const name of ['emulation', 'postgres'] as const) {
  describe(`one-statement enqueue on ${name === 'emulation' ? 'the Netlify Database emulation' : 'a real PostgreSQL'}`, () => {
    const db = () => databases[name];
    const queueAt = (time: number, reserveDrainerForMs?: number) =>
      createPostgresLeadQueue({ db: db(), now: () => time, random: Math.random, reserveDrainerForMs });
    const drainer = async () =>
      (
        await db().query<{ holder: string | null; expires_at: Date }>(
          'SELECT holder, expires_at FROM delivery_drainer',
        )
      ).rows[0];
    beforeEach(async () => {
      await db().query('TRUNCATE leads, lead_pauses, lead_groups CASCADE');
      await db().query(`UPDATE delivery_drainer SET holder = NULL, expires_at = '-infinity'`);
    });

    it('a queued lead reserves the idle drainer in the same statement; the next lead finds it reserved', async () => {
      const queue = queueAt(start, reservationMs);
      expect(await queue.enqueue(sampleLead('a', start))).toMatchObject({
        outcome: 'created',
        drainerReserved: true,
      });
      expect(await drainer()).toEqual({ holder: 'starting', expires_at: new Date(start + reservationMs) });
      const second = await queue.enqueue(sampleLead('b', start + 1));
      expect(second.outcome).toBe('created');
      expect(second.drainerReserved).toBeUndefined();
    });

    it('spam, repeats and a queue told not to wake anyone leave the drainer alone', async () => {
      await queueAt(start, reservationMs).enqueue(sampleLead('bot', start), {
        score: 5,
        signals: ['honeypot'],
      });
      expect((await drainer()).holder).toBeNull();
      await queueAt(start).enqueue(sampleLead('quiet', start));
      expect((await drainer()).holder).toBeNull();
      const repeat = await queueAt(start + 1, reservationMs).enqueue(sampleLead('quiet', start + 1));
      expect(repeat).toEqual({ id: expect.any(String), outcome: 'duplicate' });
      expect((await drainer()).holder).toBeNull();
    });

    it('a lead held by a pause (its lane, campaign or form) is stored but wakes no drainer', async () => {
      const pauses = createPostgresLeadPauses({ db: db(), now: () => start });
      const flow = { lane: 'bulk', group: 'winter-sale', formId: 'winter-offer' } as const;
      const queue = queueAt(start, reservationMs);
      const targets: PauseTarget[] = [
        { kind: 'lane', key: 'bulk' },
        { kind: 'campaign', key: 'winter-sale' },
        { kind: 'form', key: 'winter-offer' },
      ];
      for (const target of targets) {
        await pauses.pause(target);
        const stored = await queue.enqueue({ ...sampleLead(`held-${target.kind}`, start), flow });
        expect(stored).toEqual({ id: expect.any(String), outcome: 'created' });
        expect((await drainer()).holder).toBeNull();
        await pauses.resume(target);
      }
      // Another form of the same lane and campaign, with nothing paused: it wakes the drainer.
      expect(await queue.enqueue({ ...sampleLead('free', start), flow })).toMatchObject({
        drainerReserved: true,
      });
      expect(await queue.depth()).toBe(4);
    });

    it("a campaign's ticket reaches lead_groups with its lead, and is written again only when it changes", async () => {
      const queue = queueAt(start);
      const group = async () =>
        (
          await db().query<{ weight: number; max_per_second: number | null; xmin: string }>(
            `SELECT weight, max_per_second, xmin::text FROM lead_groups WHERE group_key = 'winter-sale'`,
          )
        ).rows[0];
      const flow = { lane: 'normal', group: 'winter-sale', formId: 'winter-offer' } as const;
      await queue.enqueue({ ...sampleLead('t1', start), flow: { ...flow, weight: 3, maxPerSecond: 20 } });
      const first = await group();
      expect(first).toMatchObject({ weight: 3, max_per_second: 20 });
      await queue.enqueue({ ...sampleLead('t2', start), flow: { ...flow, weight: 3, maxPerSecond: 20 } });
      expect((await group())?.xmin).toBe(first?.xmin);
      await queue.enqueue({ ...sampleLead('t3', start), flow: { ...flow, weight: 1 } });
      expect(await group()).toMatchObject({ weight: 1, max_per_second: null });
      // leads:status lists only tickets that change something.
      expect((await db().query(listTicketsSql)).rows).toEqual([]);
      await queue.enqueue({ ...sampleLead('t5', start), flow: { ...flow, weight: 1, maxPerSecond: 5 } });
      expect((await db().query(listTicketsSql)).rows).toEqual([
        { group_key: 'winter-sale', weight: 1, max_per_second: 5 },
      ]);
      // A form outside any campaign carries no ticket and writes no row.
      await queue.enqueue({
        ...sampleLead('t4', start),
        flow: { lane: 'normal', group: 'form:x', formId: 'x' },
      });
      expect((await db().query('SELECT group_key FROM lead_groups')).rows).toEqual([
        { group_key: 'winter-sale' },
      ]);
    });

    it('a repeat writes nothing: the stored row and the counts stay as they were', async () => {
      const queue = queueAt(start);
      const first = await queue.enqueue(sampleLead('same', start));
      const version = async () =>
        (await db().query<{ xmin: string }>('SELECT xmin::text FROM leads WHERE id = $1', [first.id])).rows[0]
          ?.xmin;
      const before = await version();
      const counts = async () =>
        (await db().query('SELECT state, sum(leads)::int AS leads FROM lead_counts GROUP BY state')).rows;
      const countsBefore = await counts();
      expect(await queue.enqueue(sampleLead('same', start + 5))).toEqual({
        id: first.id,
        outcome: 'duplicate',
      });
      const other = { ...sampleLead('same', start + 6), fingerprint: 'other fields' };
      expect(await queue.enqueue(other)).toEqual({ id: first.id, outcome: 'conflict' });
      expect(await version()).toBe(before);
      expect(await counts()).toEqual(countsBefore);
      expect(await queue.depth()).toBe(1);
    });
  });
}

describe('one-statement enqueue under concurrency (real PostgreSQL)', () => {
  it('50 leads arriving at once reserve the idle drainer exactly once', async () => {
    const db = databases.postgres;
    await db.query('TRUNCATE leads CASCADE');
    await db.query(`UPDATE delivery_drainer SET holder = NULL, expires_at = '-infinity'`);
    const queue = createPostgresLeadQueue({
      db,
      now: () => start,
      random: Math.random,
      reserveDrainerForMs: reservationMs,
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => queue.enqueue(sampleLead(`lead-${i}`, start + i))),
    );
    expect(results.every((result) => result.outcome === 'created')).toBe(true);
    expect(results.filter((result) => result.drainerReserved)).toHaveLength(1);
    expect(await queue.depth()).toBe(50);
  });
});
