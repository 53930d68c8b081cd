import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CrmDelivery, CrmOutcome, CrmSink } from '../../src/lib/crm/crm-sink.ts';
import type { SqlClient } from '../../src/lib/db/sql-client.ts';
import { createSharedCircuit } from '../../src/lib/delivery/database-circuit.ts';
import { createDeliveryGate } from '../../src/lib/delivery/delivery-gate.ts';
import type { DeliveryLogLine } from '../../src/lib/delivery/delivery-log.ts';
import { nextClaimableDueSql } from '../../src/lib/queue/lane-sql.ts';
import { drain, type DrainOptions } from '../../src/lib/delivery/drain.ts';
import type { LeadQueue } from '../../src/lib/queue/lead-queue.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { inProcessDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { enqueueLeads, resetDelivery } from '../fixtures/delivery-harness.ts';
import { virtualClock, type VirtualClock } from '../fixtures/delivery-virtual-clock.ts';

const email = 'private.person@example.com';
let database: TestDatabase;
beforeAll(async () => {
  database = await inProcessDatabase();
});
afterAll(() => database.close());
beforeEach(() => resetDelivery(database));

/** A sink answering with `answer(lead, callIndex)` after `latencyMs` of virtual time, recording every call. */
function fakeSink(
  clock: VirtualClock,
  answer: (lead: CrmDelivery, call: number) => CrmOutcome,
  latencyMs = 20,
) {
  const calls: { at: number; id: string; attempt: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sink: CrmSink = {
    async deliver(lead) {
      const call = calls.push({ at: clock.now(), id: lead.id, attempt: lead.attempt });
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await clock.sleep(latencyMs);
      inFlight -= 1;
      return answer(lead, call);
    },
  };
  return { sink, calls, maxInFlight: () => maxInFlight };
}

const ok: CrmOutcome = { ok: true, status: 200 };
const failure = (status: number, retryAfterMs?: number): CrmOutcome => ({
  ok: false,
  status,
  detail: `HTTP ${status}: {"error":"nope","email":"${email}"}`,
  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
});

interface Setup {
  rate?: number;
  burst?: number;
  concurrency?: number;
  maxAttempts?: number;
  options?: Partial<DrainOptions>;
  /** Wrap the queue, e.g. to make the store fail. */
  wrapQueue?: (queue: LeadQueue) => LeadQueue;
}

const policy = { failureThreshold: 3, cooldownMs: 60_000, probeTimeoutMs: 20_000 };

async function scenario(
  leads: number,
  answer: (lead: CrmDelivery, call: number) => CrmOutcome,
  setup: Setup = {},
) {
  const clock = virtualClock();
  const db: SqlClient = clock.db(database);
  const postgres = createPostgresLeadQueue({ db, now: clock.now, random: Math.random });
  const queue = setup.wrapQueue?.(postgres) ?? postgres;
  await enqueueLeads(postgres, leads, 'key', clock.now() - leads);
  const { sink, calls, maxInFlight } = fakeSink(clock, answer);
  const lines: DeliveryLogLine[] = [];
  const rate = setup.rate ?? 100;
  const deps = {
    queue,
    sink,
    gate: createDeliveryGate({ db, ratePerSecond: rate, burst: setup.burst ?? 1 }),
    circuit: createSharedCircuit({ db, policy }),
    retry: { maxAttempts: setup.maxAttempts ?? 5, baseMs: 1_000, maxMs: 60_000 },
    nextDueAt: async () =>
      (await db.query<{ next_due: Date | null }>(nextClaimableDueSql)).rows[0]?.next_due?.getTime() ??
      undefined,
    ...{
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0.5,
      log: (line: DeliveryLogLine) => void lines.push(line),
    },
    workerId: 'worker-1',
  };
  const options: DrainOptions = {
    ratePerSecond: rate,
    concurrency: setup.concurrency ?? 4,
    claimBatch: 50,
    timeBudgetMs: 60_000,
    callTimeoutMs: 5_000,
    whenIdle: 'stop',
    ...setup.options,
  };
  const circuitRow = async () =>
    (await database.query<{ state: string; until: Date | null }>('SELECT state, until FROM delivery_circuit'))
      .rows[0];
  const run = () => clock.run(drain(deps, options));
  return { clock, queue: postgres, calls, maxInFlight, lines, run, circuitRow };
}

describe('drain on the database (virtual clock, PGlite in process)', () => {
  it('delivers every due lead, oldest first, acks it and stops when the queue is empty', async () => {
    const { queue, calls, run, clock } = await scenario(6, () => ok, { concurrency: 1 });
    expect(await run()).toMatchObject({
      delivered: 6,
      retried: 0,
      dead: 0,
      released: 0,
      stoppedBecause: 'empty',
    });
    expect(calls.map((call) => call.id)).toEqual([...calls.map((call) => call.id)].sort());
    expect(await queue.status(clock.now())).toMatchObject({ depth: 0, lastDeliveredAt: expect.any(Number) });
  });

  it('never has more than `concurrency` calls in flight', async () => {
    const { run, maxInFlight } = await scenario(30, () => ok, { rate: 1_000, burst: 10, concurrency: 3 });
    expect((await run()).delivered).toBe(30);
    expect(maxInFlight()).toBe(3);
  });

  it('starts calls at the configured pace, to the millisecond', async () => {
    const { run, calls } = await scenario(21, () => ok, { rate: 5 });
    await run();
    const gaps = calls.slice(1).map((call, index) => call.at - (calls[index]?.at ?? 0));
    expect(new Set(gaps)).toEqual(new Set([200]));
  });

  it('retries a failure after its backoff, never sooner than Retry-After, and records the attempt', async () => {
    const { run, queue, clock } = await scenario(1, (_, call) => (call === 1 ? failure(503, 30_000) : ok));
    expect(await run()).toMatchObject({ delivered: 0, retried: 1, stoppedBecause: 'empty' });
    expect(await queue.claim(1, 1_000)).toEqual([]);
    expect(await queue.status(clock.now())).toMatchObject({ retrying: 1 });
    clock.advance(30_000);
    const [again] = await queue.claim(1, 1_000);
    expect(again).toMatchObject({
      attempt: 2,
      attempts: [{ status: 503, error: expect.stringContaining('HTTP 503') }],
    });
  });

  it('waits for a retry falling due within the budget when told to (the background drainer)', async () => {
    const { run, calls } = await scenario(1, (_, call) => (call === 1 ? failure(503, 30_000) : ok), {
      options: { whenIdle: 'retries' },
    });
    expect(await run()).toMatchObject({ delivered: 1, retried: 1, stoppedBecause: 'empty' });
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(30_000 + 20);
  });

  it('dead-letters a permanent 4xx at once, with the CRM’s reason', async () => {
    const { run, queue, calls } = await scenario(1, () => failure(422));
    expect(await run()).toMatchObject({ dead: 1, delivered: 0 });
    expect(calls).toHaveLength(1);
    const [letter] = await queue.deadLetters();
    expect(letter?.reason).toMatch(/^permanent error: HTTP 422/);
    expect(letter?.attempts).toHaveLength(1);
  });

  it('dead-letters a lead after the last allowed attempt, keeping every attempt', async () => {
    const { run, queue, clock } = await scenario(1, () => failure(500), { maxAttempts: 3 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await run();
      clock.advance(10 * 60_000);
    }
    const [letter] = await queue.deadLetters();
    expect(letter?.reason).toBe('gave up after 3 attempts (last: HTTP 500)');
    expect(letter?.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500]);
  });

  it('opens the circuit after repeated failures and hands claimed leads back without an attempt', async () => {
    const { run, calls, queue, clock, circuitRow } = await scenario(10, () => failure(503), {
      concurrency: 1,
    });
    const summary = await run();
    expect(summary.stoppedBecause).toBe('circuit-open');
    expect(calls).toHaveLength(3);
    expect(summary.released).toBe(7);
    expect(await circuitRow()).toMatchObject({ state: 'open' });
    clock.advance(3_600_000);
    const reclaimed = await queue.claim(10, 1_000);
    expect(reclaimed.filter((lead) => lead.attempt === 1)).toHaveLength(7);
  });

  it('after the cool-down sends one probe alone; its success closes the circuit and the rest follow at the pace', async () => {
    const cooldownEnds = virtualClock().now() + 2_000;
    await database.query(`UPDATE delivery_circuit SET state = 'open', opened_at = $1, until = $2`, [
      new Date(cooldownEnds - 60_000),
      new Date(cooldownEnds),
    ]);
    const { run, lines, circuitRow, maxInFlight, calls } = await scenario(3, () => ok, { rate: 10 });
    expect(await run()).toMatchObject({ delivered: 3 });
    expect(lines.find((line) => line.event === 'lead.delivery')).toMatchObject({ probe: true });
    expect(calls[0]?.at).toBe(cooldownEnds);
    expect(maxInFlight()).toBe(1);
    // Resumed within one pace interval (100 ms at 10/s) of the probe's answer (20 ms).
    expect(calls[1]?.at).toBeLessThanOrEqual(cooldownEnds + 20 + 100);
    expect(await circuitRow()).toMatchObject({ state: 'closed', until: null });
  });

  it('gives the probe slot back when the run ends before the probe is sent, so no one waits for it', async () => {
    // The cool-down ends within the budget, but tokens come too slowly for the probe to go before it ends.
    const cooldownEnds = virtualClock().now() + 1_000;
    await database.query(`UPDATE delivery_circuit SET state = 'open', opened_at = $1, until = $2`, [
      new Date(cooldownEnds - 60_000),
      new Date(cooldownEnds),
    ]);
    await database.query(`UPDATE delivery_pacer SET tokens = 0, updated_at = $1`, [new Date(cooldownEnds)]);
    const { run, calls, circuitRow } = await scenario(2, () => ok, {
      rate: 0.1,
      options: { timeBudgetMs: 5_000 },
    });
    expect(await run()).toMatchObject({ delivered: 0, stoppedBecause: 'time-budget' });
    expect(calls).toHaveLength(0);
    // Open again, probe-able at once: the next worker does not wait out the probe's slot.
    const row = await circuitRow();
    expect(row?.state).toBe('open');
    expect(row?.until?.getTime()).toBeLessThanOrEqual(cooldownEnds + 5_000);
  });

  it('stops claiming at the time budget and hands the unsent leads straight back', async () => {
    // At 2 leads/s with a burst of 1 the first token is there at once; the next at 0.5, 1.0, … s.
    const { run, queue, clock } = await scenario(10, () => ok, { rate: 2, options: { timeBudgetMs: 1_800 } });
    const summary = await run();
    expect(summary).toMatchObject({ stoppedBecause: 'time-budget', delivered: 4 });
    expect(await queue.status(clock.now())).toMatchObject({ depth: 6, waiting: 6, inFlight: 0 });
  });

  it('logs one JSON line per outcome with id, attempt, latency and status, and never the lead’s PII', async () => {
    const { run, lines } = await scenario(2, (_, call) => (call === 1 ? failure(422) : failure(503, 1_000)));
    await run();
    const outcomes = lines.filter((line) => line.event === 'lead.delivery');
    expect(outcomes).toEqual([
      expect.objectContaining({
        attempt: 1,
        outcome: 'dead',
        status: 422,
        latencyMs: 20,
        leadId: expect.any(String),
      }),
      expect.objectContaining({ attempt: 1, outcome: 'retry', status: 503, retryInMs: 1_000 }),
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/private\.person|1234567|Person \d/);
  });

  it('a store failure while acknowledging is logged, and the lead is delivered again after its lease', async () => {
    let failAcks = true;
    const wrapQueue = (queue: LeadQueue): LeadQueue => ({
      ...queue,
      ackMany: (leads) => (failAcks ? Promise.reject(new Error('store down')) : queue.ackMany(leads)),
    });
    const { run, calls, lines, clock, queue } = await scenario(1, () => ok, { wrapQueue });
    expect(await run()).toMatchObject({ delivered: 1 });
    expect(lines).toContainEqual(expect.objectContaining({ event: 'store.error' }));
    expect(await queue.depth()).toBe(1);
    failAcks = false;
    expect(await run()).toMatchObject({ delivered: 0, stoppedBecause: 'empty' });
    clock.advance(60_000);
    expect(await run()).toMatchObject({ delivered: 1 });
    expect(calls.map((call) => call.id)).toEqual([calls[0]?.id, calls[0]?.id]);
    expect(await queue.depth()).toBe(0);
  });
});
