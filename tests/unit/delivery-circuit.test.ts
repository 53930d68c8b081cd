import { describe, expect, it } from 'vitest';
import { gateFor, openAt, probeBy, type CircuitPolicy } from '../../src/lib/delivery/circuit-breaker.ts';
import { createMemoryCircuitStore, createSharedCircuit } from '../../src/lib/delivery/shared-circuit.ts';

const policy: CircuitPolicy = { failureThreshold: 3, cooldownMs: 30_000, probeTimeoutMs: 10_000 };
const t0 = 1_700_000_000_000;

describe('circuit breaker states', () => {
  it('closed lets calls through; open makes everyone wait out the cool-down, then allows a probe', () => {
    expect(gateFor({ state: 'closed' }, t0)).toEqual({ kind: 'call' });
    const open = openAt(t0, policy);
    expect(gateFor(open, t0 + 29_999)).toEqual({ kind: 'wait', until: t0 + 30_000 });
    expect(gateFor(open, t0 + 30_000)).toEqual({ kind: 'probe' });
  });

  it('a probe in progress holds others off until its own deadline, so a dead prober does not wedge it', () => {
    const probing = probeBy('worker-a', t0, policy);
    expect(gateFor(probing, t0 + 5_000)).toEqual({ kind: 'wait', until: t0 + 10_000 });
    expect(gateFor(probing, t0 + 10_000)).toEqual({ kind: 'probe' });
  });
});

describe('shared circuit', () => {
  const make = (workerId: string, store = createMemoryCircuitStore(), clock = { at: t0 }) => ({
    store,
    clock,
    circuit: createSharedCircuit({ store, policy, workerId, now: () => clock.at, refreshMs: 0 }),
  });

  it('opens after the threshold of consecutive failures, for every worker sharing the store', async () => {
    const { store, clock, circuit } = make('a');
    const other = createSharedCircuit({ store, policy, workerId: 'b', now: () => clock.at, refreshMs: 0 });
    await circuit.record(false, false);
    await circuit.record(false, false);
    expect(await other.gate()).toEqual({ kind: 'call' });
    await circuit.record(false, false);
    expect(await other.gate()).toEqual({ kind: 'wait', until: t0 + 30_000 });
  });

  it('a success in between resets the count', async () => {
    const { circuit } = make('a');
    for (const up of [false, false, true, false, false]) await circuit.record(up, false);
    expect(await circuit.gate()).toEqual({ kind: 'call' });
  });

  it('after the cool-down exactly one worker gets the probe; its success closes the circuit', async () => {
    const store = createMemoryCircuitStore(openAt(t0, policy));
    const clock = { at: t0 + 30_000 };
    const a = make('a', store, clock).circuit;
    const b = make('b', store, clock).circuit;
    expect(await a.gate()).toEqual({ kind: 'probe' });
    expect(await b.gate()).toEqual({ kind: 'wait', until: t0 + 40_000 });
    await a.record(true, true);
    expect(await store.load()).toEqual({ state: 'closed' });
    expect(await b.gate()).toEqual({ kind: 'call' });
  });

  it('a failed probe opens the circuit for another cool-down', async () => {
    const store = createMemoryCircuitStore(openAt(t0, policy));
    const clock = { at: t0 + 30_000 };
    const { circuit } = make('a', store, clock);
    expect(await circuit.gate()).toEqual({ kind: 'probe' });
    await circuit.record(false, true);
    expect(await store.load()).toEqual({ state: 'open', openedAt: t0 + 30_000, until: t0 + 60_000 });
  });

  it('survives between runs: a new worker reads the open state from the store', async () => {
    const store = createMemoryCircuitStore();
    const first = make('run-1', store);
    for (let failure = 0; failure < 3; failure += 1) await first.circuit.record(false, false);
    const next = make('run-2', store, { at: t0 + 1_000 }).circuit;
    expect(await next.gate()).toEqual({ kind: 'wait', until: t0 + 30_000 });
  });

  it('keeps its last known state when the store cannot be read', async () => {
    const errors: unknown[] = [];
    const circuit = createSharedCircuit({
      store: { load: () => Promise.reject(new Error('down')), save: () => Promise.reject(new Error('down')) },
      policy,
      workerId: 'a',
      now: () => t0,
      refreshMs: 0,
      onError: (error) => errors.push(error),
    });
    expect(await circuit.gate()).toEqual({ kind: 'call' });
    for (let failure = 0; failure < 3; failure += 1) await circuit.record(false, false);
    expect(await circuit.gate()).toEqual({ kind: 'wait', until: t0 + 30_000 });
    expect(errors.length).toBeGreaterThan(0);
  });
});
