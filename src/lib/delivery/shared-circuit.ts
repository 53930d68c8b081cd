import {
  closedCircuit,
  gateFor,
  openAt,
  probeBy,
  type CircuitPolicy,
  type CircuitState,
  type Gate,
} from './circuit-breaker.ts';

/** Where the circuit's state lives between workers and between scheduled runs. */
export interface CircuitStore {
  load(): Promise<CircuitState>;
  save(state: CircuitState): Promise<void>;
}

/** One worker's view of the shared circuit. */
export interface SharedCircuit {
  /** May this worker call now? `probe` means it holds the probe: exactly one call, then `record`. */
  gate(): Promise<Gate>;
  /** Report a call: `up` when the CRM answered sanely (2xx, or a permanent 4xx: it is up, the lead is bad). */
  record(up: boolean, wasProbe: boolean): Promise<void>;
}

export interface SharedCircuitOptions {
  store: CircuitStore;
  policy: CircuitPolicy;
  workerId: string;
  now: () => number;
  /** How often the stored state is re-read, so one worker opening the circuit stops the others. */
  refreshMs?: number;
  onChange?: (state: CircuitState) => void;
  onError?: (error: unknown) => void;
}

/**
 * A circuit breaker whose state is a blob in the queue store, so overlapping workers and the next
 * scheduled run all see it. Without atomic writes two workers may both claim the probe; the read
 * back after claiming makes that rare, and a second probe is one extra call, not a failure. Failures
 * are counted per worker (a shared counter would lose increments) and one worker's verdict opens it
 * for all.
 */
export function createSharedCircuit(options: SharedCircuitOptions): SharedCircuit {
  const { store, policy, workerId, now } = options;
  const refreshMs = options.refreshMs ?? 1_000;
  let state: CircuitState = closedCircuit;
  let loadedAt = -Infinity;
  let failures = 0;
  const load = async () => {
    try {
      state = await store.load();
      loadedAt = now();
    } catch (error) {
      // Keep the last known state: the queue store failing shows up in claims and acks anyway.
      options.onError?.(error);
    }
  };
  const change = async (next: CircuitState) => {
    state = next;
    options.onChange?.(next);
    await store.save(next).catch((error: unknown) => options.onError?.(error));
  };
  return {
    async gate() {
      if (now() - loadedAt >= refreshMs) await load();
      const gate = gateFor(state, now());
      if (gate.kind !== 'probe') return gate;
      await change(probeBy(workerId, now(), policy));
      await load();
      const mine = state.state === 'half-open' && state.probeBy === workerId;
      return mine ? gate : gateFor(state, now());
    },
    async record(up, wasProbe) {
      failures = up ? 0 : failures + 1;
      if (wasProbe) return change(up ? closedCircuit : openAt(now(), policy));
      if (!up && state.state === 'closed' && failures >= policy.failureThreshold) {
        await change(openAt(now(), policy));
      }
    },
  };
}

/** A circuit store in memory (unit tests; one process). */
export function createMemoryCircuitStore(initial: CircuitState = closedCircuit): CircuitStore {
  let saved = initial;
  return {
    load: async () => saved,
    save: async (state) => void (saved = state),
  };
}
