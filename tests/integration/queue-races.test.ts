import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { sampleLead } from '../fixtures/lead-queue-contract.ts';

/**
 * Races only a real PostgreSQL can show (the emulation runs one session, so its statements never
 * overlap): many connections at once, each statement's atomicity left to Postgres alone.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await realPostgresDatabase({ max: 24 });
}, 60_000);
afterAll(() => db.close());
beforeEach(() => db.query('TRUNCATE leads CASCADE'));

const start = 1_700_000_000_000;
const queueAt = (time: number) => createPostgresLeadQueue({ db, now: () => time, random: Math.random });

describe('the Postgres lead queue under concurrency', () => {
  it('20 concurrent enqueues of one key store one lead and all answer its id', async () => {
    const queue = queueAt(start);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => queue.enqueue(sampleLead('one-key', start + i))),
    );
    const ids = new Set(results.map((result) => result.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.outcome === 'created')).toHaveLength(1);
    expect(results.filter((result) => result.outcome === 'duplicate')).toHaveLength(19);
    expect(await queue.depth()).toBe(1);
  });

  it('4 workers claiming from 10,000 leads claim each lead once per lease and lose none', async () => {
    await db.query(
      `INSERT INTO leads (id, idempotency_key, fingerprint, state, received_at, due_at, payload)
       SELECT lpad(g::text, 12, '0'), 'key-' || g, 'f', 'queued', $1, $1, '{}'::jsonb
       FROM generate_series(1, 10000) AS g`,
      [new Date(start)],
    );
    const queue = queueAt(start + 1);
    const claimedBy = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const mine: string[] = [];
        for (;;) {
          const batch = await queue.claim(50, 60_000);
          if (batch.length === 0) return mine;
          mine.push(...batch.map((lead) => lead.id));
        }
      }),
    );
    const all = claimedBy.flat();
    expect(all).toHaveLength(10_000);
    expect(new Set(all).size).toBe(10_000);
    // Every worker got work: SKIP LOCKED let them claim side by side instead of queueing up.
    expect(claimedBy.every((mine) => mine.length > 0)).toBe(true);
    expect(await queue.status(start + 1)).toMatchObject({ depth: 10_000, inFlight: 10_000, waiting: 0 });
  });

  it('acks racing a lease expiry settle a lead once: only the live lease counts', async () => {
    const queue = queueAt(start);
    await queue.enqueue(sampleLead('a', start));
    const [stale] = await queue.claim(1, 1_000);
    const [fresh] = await queueAt(start + 1_000).claim(1, 1_000);
    if (!stale || !fresh) throw new Error('expected two claims');
    await Promise.all([queue.ack(stale), queue.nack(fresh, { at: start, status: 503 }, start + 5_000)]);
    expect(await queue.status(start + 1_000)).toMatchObject({
      depth: 1,
      retrying: 1,
      lastDeliveredAt: undefined,
    });
  });
});
