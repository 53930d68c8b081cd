import { describe, expect, it } from 'vitest';
import type { CrmDelivery, CrmOutcome, CrmSink } from '../../src/lib/crm/crm-sink.ts';
import type { CircuitState } from '../../src/lib/delivery/circuit-breaker.ts';
import type { DeliveryLogLine } from '../../src/lib/delivery/delivery-log.ts';
import { drain, type DrainOptions } from '../../src/lib/delivery/drain.ts';
import { createMemoryCircuitStore, createSharedCircuit } from '../../src/lib/delivery/shared-circuit.ts';
import { createSharedPacer } from '../../src/lib/delivery/shared-pacer.ts';
import { createMemoryWorkerRegistry } from '../../src/lib/delivery/worker-registry.ts';
import type { LeadQueue } from '../../src/lib/queue/lead-queue.ts';
import { createMemoryLeadQueue } from '../../src/lib/queue/memory-lead-queue.ts';
import { virtualClock, type VirtualClock } from '../fixtures/delivery-virtual-clock.ts';

const email = 'private.person@example.com';

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
  concurrency?: number;
  maxAttempts?: number;
  circuit?: CircuitState;
  options?: Partial<DrainOptions>;
  /** Wrap the memory queue, e.g. to make the store fail. */
  wrapQueue?: (queue: LeadQueue) => LeadQueue;
}

async function scenario(
  leads: number,
  answer: (lead: CrmDelivery, call: number) => CrmOutcome,
  setup: Setup = {},
) {
  const clock = virtualClock();
  const memory = createMemoryLeadQueue({ now: clock.now, random: Math.random });
  const queue = setup.wrapQueue?.(memory) ?? memory;
  for (let index = 0; index < leads; index += 1) {
    await queue.enqueue({
      idempotencyKey: `key-${index}`,
      receivedAt: clock.now() + index,
      payload: { fields: { email, phone: '+49 30 1234567' } },
    });
  }
  const { sink, calls, maxInFlight } = fakeSink(clock, answer);
  const circuitStore = createMemoryCircuitStore(setup.circuit);
  const lines: DeliveryLogLine[] = [];
  const log = (line: DeliveryLogLine) => lines.push(line);
  const workerId = 'worker-1';
  const deps = {
    queue,
    sink,
    circuit: createSharedCircuit({
      store: circuitStore,
      policy: { failureThreshold: 3, cooldownMs: 60_000, probeTimeoutMs: 20_000 },
      ...{ workerId, now: clock.now },
    }),
    retry: { maxAttempts: setup.maxAttempts ?? 5, baseMs: 1_000, maxMs: 60_000 },
    pacer: createSharedPacer({
      ratePerSecond: setup.rate ?? 100,
      burst: 1,
      registry: createMemoryWorkerRegistry(),
      ...{ workerId, now: clock.now, sleep: clock.sleep },
    }),
    ...{ now: clock.now, sleep: clock.sleep, random: () => 0.5, log, workerId },
  };
  const options: DrainOptions = {
    concurrency: setup.concurrency ?? 4,
    claimBatch: 50,
    timeBudgetMs: 60_000,
    callTimeoutMs: 5_000,
    whenIdle: 'stop',
    ...setup.options,
  };
  const run = () => clock.run(drain(deps, options));
  return { clock, queue, calls, maxInFlight, circuitStore, lines, run };
}

describe('drain', () => {
  it('delivers every due lead, oldest first, acks it and stops when the queue is empty', async () => {
    const { queue, calls, run, clock } = await scenario(6, () => ok, { concurrency: 1 });
    const summary = await run();
    expect(summary).toMatchObject({
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
    const { run, maxInFlight } = await scenario(30, () => ok, { rate: 1_000, concurrency: 3 });
    expect((await run()).delivered).toBe(30);
    expect(maxInFlight()).toBe(3);
  });

  it('starts calls at the configured pace', async () => {
    const { run, calls } = await scenario(21, () => ok, { rate: 5 });
    await run();
    const first = calls[0]?.at ?? 0;
    const last = calls.at(-1)?.at ?? 0;
    expect((calls.length - 1) / ((last - first) / 1000)).toBeCloseTo(5, 5);
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
    const { run, calls, queue, circuitStore, clock } = await scenario(10, () => failure(503), {
      concurrency: 1,
    });
    const summary = await run();
    expect(summary.stoppedBecause).toBe('circuit-open');
    expect(calls).toHaveLength(3);
    expect(summary.released).toBe(7);
    expect(await circuitStore.load()).toMatchObject({ state: 'open' });
    clock.advance(3_600_000);
    const reclaimed = await queue.claim(10, 1_000);
    expect(reclaimed.filter((lead) => lead.attempt === 1)).toHaveLength(7);
  });

  it('after the cool-down sends one probe alone, and its success closes the circuit', async () => {
    const open: CircuitState = { state: 'open', openedAt: 0, until: 1_700_000_002_000 };
    const { run, lines, circuitStore, maxInFlight } = await scenario(1, () => ok, { circuit: open });
    expect(await run()).toMatchObject({ delivered: 1 });
    expect(lines.find((line) => line.event === 'lead.delivery')).toMatchObject({ probe: true });
    expect(maxInFlight()).toBe(1);
    expect(await circuitStore.load()).toEqual({ state: 'closed' });
  });

  it('stops claiming at the time budget and hands the unsent leads straight back', async () => {
    // At 2 leads/s a batch is 4 leads; tokens come at 1.5, 2.0 and 2.5 s (after the 1 s join), and
    // the fourth would come at 3.0 s, past the 2.8 s budget.
    const options = { timeBudgetMs: 2_800 };
    const { run, queue, clock } = await scenario(10, () => ok, { rate: 2, options });
    const summary = await run();
    expect(summary).toMatchObject({ stoppedBecause: 'time-budget', delivered: 3, released: 1 });
    expect(await queue.status(clock.now())).toMatchObject({ depth: 7, waiting: 7, inFlight: 0 });
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
    expect(JSON.stringify(lines)).not.toMatch(/private\.person|1234567/);
  });

  it('a store failure while settling is logged, and the lead is delivered again after its lease', async () => {
    let failAcks = true;
    const wrapQueue = (memory: LeadQueue): LeadQueue => ({
      ...memory,
      ack: (lead) => (failAcks ? Promise.reject(new Error('store down')) : memory.ack(lead)),
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
