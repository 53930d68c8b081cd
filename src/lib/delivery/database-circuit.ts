import type { SqlClient } from '../db/sql-client.ts';
import * as sql from './delivery-sql.ts';
import type { CircuitPolicy } from './delivery-states.ts';

/** The shared circuit breaker's transitions, each one atomic statement on its row. */
export interface SharedCircuit {
  /** A retryable failure; returns when the circuit opens because of it (this call hit the threshold). */
  recordFailure(at: number): Promise<{ until: number } | undefined>;
  /** A success after failures: reset the consecutive count. */
  recordSuccess(): Promise<void>;
  /** open → half-open for this worker; false when another worker holds the probe or it is not due. */
  takeProbe(token: string, at: number): Promise<boolean>;
  probeSucceeded(token: string): Promise<void>;
  /** The probe failed: open for another cool-down. */
  probeFailed(token: string, at: number): Promise<void>;
  /** Give the probe slot back unused, so the next worker may probe at once. */
  releaseProbe(token: string, at: number): Promise<void>;
}

/** The circuit breaker on the `delivery_circuit` row, shared by every worker. */
export function createSharedCircuit(options: { db: SqlClient; policy: CircuitPolicy }): SharedCircuit {
  const { db, policy } = options;
  const at = (ms: number) => new Date(ms);
  const run = async (text: string, params: unknown[]) => void (await db.query(text, params));
  return {
    async recordFailure(now) {
      const params = [at(now), policy.failureThreshold, at(now + policy.cooldownMs)];
      const { rows } = await db.query<{ state: string; until: Date | null }>(sql.recordFailureSql, params);
      const until = rows[0]?.state === 'open' ? rows[0].until?.getTime() : undefined;
      return until === undefined ? undefined : { until };
    },
    recordSuccess: () => run(sql.recordSuccessSql, []),
    async takeProbe(token, now) {
      const params = [token, at(now), at(now + policy.probeTimeoutMs)];
      return (await db.query(sql.takeProbeSql, params)).rows.length === 1;
    },
    probeSucceeded: (token) => run(sql.probeSucceededSql, [token]),
    probeFailed: (token, now) => run(sql.probeFailedSql, [token, at(now), at(now + policy.cooldownMs)]),
    releaseProbe: (token, now) => run(sql.releaseProbeSql, [token, at(now)]),
  };
}
