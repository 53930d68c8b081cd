/**
 * The circuit breaker's shared state, as stored. Closed: calls flow. Open: nobody calls the CRM
 * until `until`. Half-open: one worker (`probeBy`) makes a single probe call; if it has not
 * reported by `probeUntil` (it died), another worker may probe.
 */
export type CircuitState =
  | { state: 'closed' }
  | { state: 'open'; openedAt: number; until: number }
  | { state: 'half-open'; probeBy: string; probeUntil: number };

export interface CircuitPolicy {
  /** Consecutive failed calls, as one worker sees them, that open the circuit. */
  failureThreshold: number;
  cooldownMs: number;
  /** How long a probe may take before another worker may try: the per-call timeout plus a margin. */
  probeTimeoutMs: number;
}

/** What a worker may do now. */
export type Gate = { kind: 'call' } | { kind: 'probe' } | { kind: 'wait'; until: number };

export const closedCircuit: CircuitState = { state: 'closed' };

/** Whether a worker may call now, given the shared state. A `probe` answer still has to be claimed. */
export function gateFor(circuit: CircuitState, now: number): Gate {
  if (circuit.state === 'closed') return { kind: 'call' };
  const until = circuit.state === 'open' ? circuit.until : circuit.probeUntil;
  return now >= until ? { kind: 'probe' } : { kind: 'wait', until };
}

/** The state a worker writes to claim the probe. */
export function probeBy(workerId: string, now: number, policy: CircuitPolicy): CircuitState {
  return { state: 'half-open', probeBy: workerId, probeUntil: now + policy.probeTimeoutMs };
}

/** The state after the CRM failed too often, or failed the probe: closed to everyone for a cool-down. */
export function openAt(now: number, policy: CircuitPolicy): CircuitState {
  return { state: 'open', openedAt: now, until: now + policy.cooldownMs };
}
