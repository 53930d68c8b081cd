/**
 * Every state the delivery coordination rows can be in, named once (the SQL in delivery-sql.ts and
 * the CHECK constraints in netlify/database/migrations/0002_delivery.sql use the same words).
 */

import type { CircuitStateName } from '../../schemas/circuit-state.ts';

// The circuit's states are a schema (the health endpoint reports them), so they live there.
export { CIRCUIT_STATES, type CircuitStateName } from '../../schemas/circuit-state.ts';

/** The shared circuit as a worker reads it. `until`: end of the cool-down, or of the probe's slot. */
export interface CircuitView {
  state: CircuitStateName;
  until: number | undefined;
  /** Consecutive retryable failures seen by all workers since the last success. */
  failures: number;
}

/** The drainer lease's holder while a drainer is being started (by a kick or the schedule). */
export const STARTING_HOLDER = 'starting';

/** How the breaker behaves: from LEADS_CIRCUIT_* and the call timeout. */
export interface CircuitPolicy {
  /** Consecutive failed calls, all workers together, that open the circuit. */
  failureThreshold: number;
  cooldownMs: number;
  /** How long a probe may take before another worker may probe: the call timeout plus a margin. */
  probeTimeoutMs: number;
}
