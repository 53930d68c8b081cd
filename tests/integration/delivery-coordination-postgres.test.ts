import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CrmSink } from '../../src/lib/crm/crm-sink.ts';
import { createSharedCircuit } from '../../src/lib/delivery/database-circuit.ts';
import { createDeliveryGate } from '../../src/lib/delivery/delivery-gate.ts';
import { nextClaimableDueSql } from '../../src/lib/queue/lane-sql.ts';
import { drain } from '../../src/lib/delivery/drain.ts';
import { kickDrainerIfIdle } from '../../src/lib/delivery/drainer-kick.ts';
import { createDrainerLease } from '../../src/lib/delivery/drainer-lease.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { enqueueLeads, resetDelivery } from '../fixtures/delivery-harness.ts';
import { virtualClock } from '../fixtures/delivery-virtual-clock.ts';

/**
 * Coordination proven where it can race: a real PostgreSQL server (PGlite runs one session), with
 * every worker's statements on their own connections at once. Time is virtual, so the assertions
 * are exact and a busy machine cannot fail them.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await realPostgresDatabase({ max: 16 });
}, 60_000);
afterAll(() => db.close());
beforeEach(() => resetDelivery(db));

const t0 = 1_700_000_000_000;
const policy = { failureThreshold: 3, cooldownMs: 30_000, probeTimeoutMs: 10_000 };

describe('the shared token bucket', () => {
  it('four workers together never exceed the rate in any window, and use all of it', async () => {
    const rate = 20;
    const burst = 5;
    const clock = virtualClock(t0);
    const tracked = clock.db(db);
    const queue = createPostgresLeadQueue({ db: tracked, now: clock.now, random: Math.random });
    const ids = await enqueueLeads(queue, 400, 'paced', t0 - 1_000);
    const calls: { at: number; id: string; worker: number }[] = [];
    const sinkFor = (worker: number): CrmSink => ({
      async deliver(lead) {
        calls.push({ at: clock.now(), id: lead.id, worker });
        await clock.sleep(30);
        return { ok: true, status: 200 };
      },
    });
    const workers = [0, 1, 2, 3].map((worker) =>
      drain(
        {
          queue,
          sink: sinkFor(worker),
          gate: createDeliveryGate({ db: tracked, ratePerSecond: rate, burst }),
          circuit: createSharedCircuit({ db: tracked, policy }),
          retry: { maxAttempts: 5, baseMs: 1_000, maxMs: 10_000 },
          nextDueAt: async () =>
            (
              await tracked.query<{ next_due: Date | null }>(nextClaimableDueSql)
            ).rows[0]?.next_due?.getTime(),
          ...{ now: clock.now, sleep: clock.sleep, random: Math.random, log: () => {} },
          workerId: `worker-${worker}`,
        },
        {
          ratePerSecond: rate,
          concurrency: 4,
          claimBatch: 20,
          timeBudgetMs: 10_000,
          callTimeoutMs: 1_000,
          whenIdle: 'stop',
        },
      ),
    );
    await clock.run(Promise.all(workers));

    // Token bucket bound: in any window of T ms, at most burst + rate·T calls (windows start at a call).
    const times = calls.map((call) => call.at).sort((a, b) => a - b);
    for (const windowMs of [50, 200, 1_000, 5_000]) {
      for (let first = 0; first < times.length; first += 1) {
        const from = times[first] ?? 0;
        const inWindow = times.filter((at) => at >= from && at < from + windowMs).length;
        expect(inWindow, `${windowMs} ms from ${from - t0}`).toBeLessThanOrEqual(
          burst + (rate * windowMs) / 1000,
        );
      }
    }
    // And the pace is used, not wasted: ≈ rate over the budget (the burst comes on top once).
    expect(calls.length).toBeGreaterThanOrEqual(rate * 10 - 2);
    expect(calls.length).toBeLessThanOrEqual(rate * 10 + burst);
    expect(new Set(calls.map((call) => call.id)).size).toBe(calls.length);
    expect(calls.every((call) => ids.includes(call.id))).toBe(true);
  }, 60_000);

  it('twenty takes at once grant no more than the bucket holds', async () => {
    const gate = createDeliveryGate({ db, ratePerSecond: 10, burst: 10 });
    const passes = await Promise.all(Array.from({ length: 20 }, () => gate.take(t0, 3)));
    expect(passes.reduce((sum, pass) => sum + (pass.granted ?? 0), 0)).toBe(10);
    // 300 ms later the bucket has refilled exactly three tokens.
    const later = await Promise.all(Array.from({ length: 10 }, () => gate.take(t0 + 300, 1)));
    expect(later.reduce((sum, pass) => sum + (pass.granted ?? 0), 0)).toBe(3);
  });
});

describe('the shared circuit breaker', () => {
  const circuit = () => createSharedCircuit({ db, policy });
  const row = async () =>
    (
      await db.query<{ state: string; until: Date | null; failures: number }>(
        'SELECT state, until, failures FROM delivery_circuit',
      )
    ).rows[0];

  it('opens exactly once when racing failures pass the threshold', async () => {
    const opened = await Promise.all(Array.from({ length: 10 }, () => circuit().recordFailure(t0)));
    expect(opened.filter(Boolean)).toEqual([{ until: t0 + 30_000 }]);
    expect(await row()).toMatchObject({ state: 'open', until: new Date(t0 + 30_000) });
  });

  it('a success resets the count of consecutive failures', async () => {
    await circuit().recordFailure(t0);
    await circuit().recordFailure(t0);
    await circuit().recordSuccess();
    await circuit().recordFailure(t0);
    expect(await row()).toMatchObject({ state: 'closed', failures: 1 });
  });

  it('after the cool-down exactly one of many racing workers gets the probe; its success closes the circuit', async () => {
    for (let failure = 0; failure < 3; failure += 1) await circuit().recordFailure(t0);
    expect(await circuit().takeProbe('early', t0 + 29_999)).toBe(false);
    const tokens = Array.from({ length: 8 }, (_, index) => `probe-${index}`);
    const won = await Promise.all(tokens.map((token) => circuit().takeProbe(token, t0 + 30_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = tokens[won.indexOf(true)] ?? '';
    const gate = createDeliveryGate({ db, ratePerSecond: 10, burst: 10 });
    expect((await gate.take(t0 + 30_000, 1)).granted).toBeUndefined();
    expect((await gate.take(t0 + 30_000, 1, winner)).granted).toBe(1);
    await circuit().probeSucceeded(winner);
    expect(await row()).toMatchObject({ state: 'closed', until: null, failures: 0 });
    expect((await gate.take(t0 + 30_000, 1)).granted).toBe(1);
  });

  it('a failed probe opens it for another cool-down', async () => {
    for (let failure = 0; failure < 3; failure += 1) await circuit().recordFailure(t0);
    expect(await circuit().takeProbe('p', t0 + 30_000)).toBe(true);
    await circuit().probeFailed('p', t0 + 30_050);
    expect(await row()).toMatchObject({ state: 'open', until: new Date(t0 + 60_050) });
  });

  it('a probe slot given back is free at once; one never reported lapses after the probe timeout', async () => {
    for (let failure = 0; failure < 3; failure += 1) await circuit().recordFailure(t0);
    expect(await circuit().takeProbe('a', t0 + 30_000)).toBe(true);
    expect(await circuit().takeProbe('b', t0 + 30_001)).toBe(false);
    await circuit().releaseProbe('a', t0 + 30_002);
    expect(await circuit().takeProbe('b', t0 + 30_002)).toBe(true);
    // b dies without a word: its slot lapses at its deadline, and c may probe.
    expect(await circuit().takeProbe('c', t0 + 40_001)).toBe(false);
    expect(await circuit().takeProbe('c', t0 + 40_002)).toBe(true);
    // b's late report changes nothing: the slot is c's.
    await circuit().probeSucceeded('b');
    expect(await row()).toMatchObject({ state: 'half-open' });
  });
});

describe('the drainer lease', () => {
  const queue = () => createPostgresLeadQueue({ db, now: () => t0, random: Math.random });

  it('is not reserved while nothing is due: an idle site starts no drainer', async () => {
    const started: number[] = [];
    const outcome = await kickDrainerIfIdle({ db, now: () => t0, trigger: async () => void started.push(1) });
    expect(outcome).toBe('not-needed');
    expect(started).toEqual([]);
  });

  it('twenty kicks at once for a due lead start exactly one drainer', async () => {
    await enqueueLeads(queue(), 1, 'due', t0 - 10);
    let started = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        kickDrainerIfIdle({ db, now: () => t0, trigger: async () => void (started += 1) }),
      ),
    );
    expect(started).toBe(1);
    expect(outcomes.filter((outcome) => outcome === 'started')).toHaveLength(1);
  });

  it('a failed trigger gives the reservation back, so the next lead tries again', async () => {
    await enqueueLeads(queue(), 1, 'due', t0 - 10);
    const fail = async () => Promise.reject(new Error('site unreachable'));
    expect(await kickDrainerIfIdle({ db, now: () => t0, trigger: fail })).toBe('trigger-failed');
    expect(await kickDrainerIfIdle({ db, now: () => t0 + 1, trigger: async () => {} })).toBe('started');
  });

  it('is taken over from a reservation by one drainer, renewed by it, refused to others, and freed on release or expiry', async () => {
    await enqueueLeads(queue(), 1, 'due', t0 - 10);
    const lease = createDrainerLease(db);
    expect(await lease.reserve(t0, t0 + 60_000)).toBe(true);
    const takers = await Promise.all(
      ['d1', 'd2', 'd3'].map((holder) => lease.hold(holder, t0 + 1, t0 + 120_000)),
    );
    expect(takers.filter(Boolean)).toHaveLength(1);
    const holder = ['d1', 'd2', 'd3'][takers.indexOf(true)] ?? '';
    expect(await lease.hold(holder, t0 + 30_000, t0 + 150_000)).toBe(true);
    expect(await lease.hold('other', t0 + 149_999, t0 + 200_000)).toBe(false);
    expect(await lease.reserve(t0 + 100_000, t0 + 160_000)).toBe(false);
    // The holder dies: at expiry anyone may take it.
    expect(await lease.hold('other', t0 + 150_000, t0 + 270_000)).toBe(true);
    await lease.release('other', t0 + 160_000);
    expect(await lease.reserve(t0 + 160_000, t0 + 220_000)).toBe(true);
  });
});
