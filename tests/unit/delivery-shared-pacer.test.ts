import { describe, expect, it } from 'vitest';
import { createSharedPacer, type Pacer } from '../../src/lib/delivery/shared-pacer.ts';
import { createMemoryWorkerRegistry, type WorkerRegistry } from '../../src/lib/delivery/worker-registry.ts';
import { virtualClock, type VirtualClock } from '../fixtures/delivery-virtual-clock.ts';

const rate = 10;

function pacerOn(
  clock: VirtualClock,
  registry: WorkerRegistry,
  workerId: string,
  onError?: () => void,
): Pacer {
  return createSharedPacer({
    ratePerSecond: rate,
    burst: 10,
    registry,
    workerId,
    now: clock.now,
    sleep: clock.sleep,
    heartbeatMs: 1_000,
    onError,
  });
}

/** Join, then take tokens until `until`, recording when each was taken. */
async function spend(pacer: Pacer, until: number, clock: VirtualClock, taken: number[], leave = true) {
  await pacer.join();
  while (await pacer.acquire(until)) taken.push(clock.now());
  if (leave) await pacer.leave();
}

const within = (times: number[], from: number, to: number) =>
  times.filter((at) => at >= from && at < to).length;

describe('shared pacer', () => {
  it('one worker spends at the full rate, after a one-heartbeat join', async () => {
    const clock = virtualClock();
    const start = clock.now();
    const taken: number[] = [];
    await clock.run(spend(pacerOn(clock, createMemoryWorkerRegistry(), 'a'), start + 11_000, clock, taken));
    expect(taken[0]).toBeGreaterThanOrEqual(start + 1_000);
    expect(taken.length).toBe(100);
  });

  it('two workers started together share the rate: the sum is the configured pace', async () => {
    const clock = virtualClock();
    const start = clock.now();
    const registry = createMemoryWorkerRegistry();
    const a: number[] = [];
    const b: number[] = [];
    await clock.run(
      Promise.all([
        spend(pacerOn(clock, registry, 'a'), start + 11_000, clock, a),
        spend(pacerOn(clock, registry, 'b'), start + 11_000, clock, b),
      ]),
    );
    expect(a.length + b.length).toBe(100);
    expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(1);
  });

  it('a worker joining a running one never pushes the pair above the rate', async () => {
    const clock = virtualClock();
    const start = clock.now();
    const registry = createMemoryWorkerRegistry();
    const all: number[] = [];
    const late = (async () => {
      await clock.sleep(4_500);
      await spend(pacerOn(clock, registry, 'late'), start + 12_000, clock, all);
    })();
    await clock.run(
      Promise.all([spend(pacerOn(clock, registry, 'early'), start + 12_000, clock, all), late]),
    );
    for (let second = 1; second < 11; second += 1) {
      const from = start + second * 1_000;
      expect(within(all, from, from + 1_000), `second ${second}`).toBeLessThanOrEqual(rate + 1);
    }
    // The price of never going over: while the newcomer waits out its join, the pair runs at half pace.
    expect(all.length).toBeGreaterThanOrEqual(104);
    expect(all.length).toBeLessThanOrEqual(110);
  });

  it("a worker that leaves hands its share back at the others' next heartbeat", async () => {
    const clock = virtualClock();
    const start = clock.now();
    const registry = createMemoryWorkerRegistry();
    const stays: number[] = [];
    await clock.run(
      Promise.all([
        spend(pacerOn(clock, registry, 'stays'), start + 11_000, clock, stays),
        spend(pacerOn(clock, registry, 'leaves'), start + 5_000, clock, []),
      ]),
    );
    expect(within(stays, start + 2_000, start + 5_000)).toBeLessThanOrEqual(16);
    expect(within(stays, start + 7_000, start + 11_000)).toBe(40);
  });

  it('a crashed worker (no heartbeat, no goodbye) stops counting after three heartbeats', async () => {
    const clock = virtualClock();
    const start = clock.now();
    const registry = createMemoryWorkerRegistry();
    await registry.beat({ workerId: 'crashed', at: start });
    const taken: number[] = [];
    await clock.run(spend(pacerOn(clock, registry, 'alive'), start + 10_000, clock, taken));
    expect(within(taken, start + 1_000, start + 3_000)).toBeLessThanOrEqual(11);
    expect(within(taken, start + 5_000, start + 10_000)).toBe(50);
  });

  it('keeps its last known share when the store fails a heartbeat', async () => {
    const clock = virtualClock();
    const start = clock.now();
    const registry = createMemoryWorkerRegistry();
    let failing = false;
    const errors: unknown[] = [];
    const flaky: WorkerRegistry = {
      ...registry,
      beat: (beat) => (failing ? Promise.reject(new Error('store down')) : registry.beat(beat)),
    };
    const pacer = pacerOn(clock, flaky, 'a', () => errors.push('error'));
    const taken: number[] = [];
    await clock.run(
      (async () => {
        await pacer.join();
        failing = true;
        while (await pacer.acquire(start + 6_000)) taken.push(clock.now());
      })(),
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(taken.length).toBe(50);
  });
});

describe('shared pacer with mixed settings', () => {
  it('workers configured with different rates settle on the lowest, split between them', async () => {
    const clock = virtualClock();
    const start = clock.now();
    const registry = createMemoryWorkerRegistry();
    const careful = pacerOn(clock, registry, 'careful');
    const eager = createSharedPacer({
      ...{ ratePerSecond: 40, burst: 40, registry, workerId: 'eager' },
      ...{ now: clock.now, sleep: clock.sleep, heartbeatMs: 1_000 },
    });
    const taken: number[] = [];
    await clock.run(
      Promise.all([spend(careful, start + 11_000, clock, taken), spend(eager, start + 11_000, clock, taken)]),
    );
    expect(taken.length).toBe(100);
  });
});
