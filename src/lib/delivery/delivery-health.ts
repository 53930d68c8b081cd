import type { DeliveryHealth } from '../../schemas/delivery-health.ts';
import type { SqlClient } from '../db/sql-client.ts';
import type { LeadQueue } from '../queue/lead-queue.ts';
import { createPostgresLeadQueue } from '../queue/postgres-lead-queue.ts';
import { readCoordinationSql } from './delivery-sql.ts';
import type { CircuitStateName } from './delivery-states.ts';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** The circuit and the drainer lease as operators see them: one read of two one-row tables. */
export interface Coordination {
  circuit: { state: CircuitStateName; until: number | undefined };
  /** Until when the background drainer's lease is live (undefined when no drainer holds it). */
  drainerUntil: number | undefined;
}

export async function readCoordination(db: SqlClient, now: number): Promise<Coordination> {
  const { rows } = await db.query<{ state: CircuitStateName; until: Date | null; expires_at: Date | number }>(
    readCoordinationSql,
  );
  const row = rows[0];
  if (!row) throw new Error('delivery_circuit has no row: apply the migrations');
  // A lease never taken is '-infinity', which node-postgres returns as the number -Infinity rather
  // than a Date; Number() reads both (a Date as its milliseconds).
  const expires = Number(row.expires_at);
  return {
    circuit: { state: row.state, until: row.until?.getTime() },
    drainerUntil: expires > now ? expires : undefined,
  };
}

/** The queue's counts, the circuit's state and the drainer, as operators and monitors see them. */
export async function deliveryHealth(deps: {
  queue: LeadQueue;
  coordination: () => Promise<Coordination>;
  now: number;
}): Promise<DeliveryHealth> {
  const [status, { circuit, drainerUntil }] = await Promise.all([
    deps.queue.status(deps.now),
    deps.coordination(),
  ]);
  return {
    checkedAt: new Date(deps.now).toISOString(),
    depth: status.depth,
    waiting: status.waiting,
    retrying: status.retrying,
    inFlight: status.inFlight,
    oldestAgeSeconds: status.oldestAgeMs === undefined ? null : Math.round(status.oldestAgeMs / 1000),
    deadLetters: status.deadLetters,
    spam: status.spam,
    lastDeliveredAt: iso(status.lastDeliveredAt),
    circuit: { state: circuit.state, until: iso(circuit.until) },
    drainer: { until: iso(drainerUntil) },
  };
}

/** The lead queue's health as `/api/leads/health` and `npm run leads:status` report it. */
export const leadDeliveryHealth = (db: SqlClient, now: number): Promise<DeliveryHealth> =>
  deliveryHealth({
    queue: createPostgresLeadQueue({ db, now: () => now, random: Math.random }),
    coordination: () => readCoordination(db, now),
    now,
  });
