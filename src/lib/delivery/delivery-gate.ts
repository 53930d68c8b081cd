import type { SqlClient } from '../db/sql-client.ts';
import { takeTokensSql } from './delivery-sql.ts';
import type { CircuitStateName, CircuitView } from './delivery-states.ts';

/** What the gate said: the circuit, and the tokens granted (undefined when the circuit barred the bucket). */
export interface GatePass {
  circuit: CircuitView;
  granted: number | undefined;
  /** With nothing granted: ms until the bucket holds a whole token again. */
  waitMs: number;
}

export interface DeliveryGate {
  /** Take up to `want` tokens at `at`, if the circuit lets this worker call (`probeToken`: it holds the probe). */
  take(at: number, want: number, probeToken?: string): Promise<GatePass>;
}

interface GateRow {
  state: CircuitStateName;
  until: Date | null;
  failures: number;
  taken: number | null;
  tokens: number | null;
}

/**
 * The shared token bucket (one row for every worker, LEADS_DELIVERY_RATE for all of them together)
 * and the circuit, read in the same statement: one round trip per batch of calls.
 */
export function createDeliveryGate(options: { db: SqlClient; ratePerSecond: number; burst: number }) {
  const { db, ratePerSecond, burst } = options;
  const gate: DeliveryGate = {
    async take(at, want, probeToken) {
      const asked = Math.max(1, Math.min(Math.floor(want), burst));
      const params = [new Date(at), ratePerSecond, burst, asked, probeToken ?? null];
      const { rows } = await db.query<GateRow>(takeTokensSql, params);
      const row = rows[0];
      if (!row) throw new Error('delivery_circuit has no row: apply the migrations');
      const circuit = { state: row.state, until: row.until?.getTime(), failures: row.failures };
      const tokens = row.tokens ?? 0;
      // The epsilon keeps float dust (0.99 tokens → 1.0000000000000009 ms) from adding a whole ms.
      const waitMs = Math.max(1, Math.ceil(((1 - tokens) * 1000) / ratePerSecond - 1e-9));
      return { circuit, granted: row.taken ?? undefined, waitMs };
    },
  };
  return gate;
}
