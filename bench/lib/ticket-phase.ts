import type { SqlClient } from '../../src/lib/db/sql-client.ts';
import { fillFlow, round } from './lane-flows.ts';

interface Arrival {
  idempotencyKey: string;
  at: number;
  outcome: string;
}

export interface TicketPhaseInputs {
  db: SqlClient;
  /** What the dev CRM recorded so far. */
  arrivals: () => readonly Arrival[];
  /** Runs the real worker for about `seconds`. */
  drainFor: (seconds: number) => Promise<unknown>;
  pace: number;
  seconds: number;
  /** The third campaign's cap, leads per second. */
  cap: number;
}

const windowSeconds = 10;

/**
 * Launch tickets: three campaigns of the normal lane backlogged together, `heavy` weighted 3,
 * `light` weighted 1, and `capped` (weight 1) capped at `cap` leads/s. Counts, from the CRM's own
 * arrival times, each weighted campaign's part of what the two got per 10 s window (target 75 / 25)
 * and the capped campaign's deliveries per 1 s window.
 *
 * The cap's bucket holds one second of the cap (lane-sql.ts: `LEAST(GREATEST(1, max_per_second), …)`),
 * by design, as the delivery bucket holds its burst: a campaign that waited a second may take that
 * second's worth at once. So over any T seconds of claims a capped campaign gets at most
 * cap × (T + 1), and one second may hold up to twice the cap: at the start the full bucket is spent
 * at the campaign's fair share (above the cap), and the worker delivers what it claimed a little
 * later (its claimed-ahead leads, about a tenth of a second of pace). `cap.bound` checks the whole
 * run against cap × (seconds + 1).
 */
export async function ticketPhase({ db, arrivals, drainFor, pace, seconds, cap }: TicketPhaseInputs) {
  const each = Math.ceil(pace * seconds);
  await db.query('TRUNCATE leads, lead_flows, lead_pauses, lead_groups CASCADE');
  await db.query(
    `INSERT INTO lead_groups (group_key, weight, max_per_second)
     VALUES ('heavy', 3, NULL), ('light', 1, NULL), ('capped', 1, $1)`,
    [cap],
  );
  const base = Date.now() - 60_000;
  for (const [index, group] of ['heavy', 'light', 'capped'].entries())
    await fillFlow(
      db,
      `tk-${group}-`,
      each,
      { lane: 'normal', group, formId: `${group}-offer` },
      base + index,
    );
  const already = new Set(arrivals().map((arrival) => arrival.idempotencyKey));
  await drainFor(seconds + 1);
  const mine = arrivals().filter(
    (arrival) =>
      arrival.outcome === 'recorded' &&
      arrival.idempotencyKey.startsWith('tk-') &&
      !already.has(arrival.idempotencyKey),
  );
  const first = Math.min(...mine.map((arrival) => arrival.at));
  const of = (group: string, from: number, to: number) =>
    mine.filter(
      (arrival) => arrival.idempotencyKey.startsWith(`tk-${group}-`) && arrival.at >= from && arrival.at < to,
    ).length;
  const weighted = Array.from({ length: Math.floor(seconds / windowSeconds) }, (_, index) => {
    const from = first + index * windowSeconds * 1000;
    const heavy = of('heavy', from, from + windowSeconds * 1000);
    const light = of('light', from, from + windowSeconds * 1000);
    return { heavy, light, heavyShare: round(heavy / Math.max(1, heavy + light), 3) };
  });
  const perSecond = Array.from({ length: seconds }, (_, index) =>
    of('capped', first + index * 1000, first + (index + 1) * 1000),
  );
  const heavyShares = weighted.map((window) => window.heavyShare);
  // Exactly once: every lead the queue settled as delivered reached the CRM.
  const recorded = new Set(mine.map((arrival) => arrival.idempotencyKey));
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM leads WHERE state = 'done'`);
  return {
    lost: rows.filter((row) => !recorded.has(row.id)).length,
    weights: { heavy: 3, light: 1, windowSeconds, windows: weighted },
    heavyShare: { min: Math.min(...heavyShares), max: Math.max(...heavyShares), target: 0.75 },
    cap: {
      maxPerSecond: cap,
      // The first second may hold the bucket's burst (one second's worth) on top of the second's own.
      busiestSecond: Math.max(0, ...perSecond.slice(1)),
      firstSecond: perSecond[0] ?? 0,
      // One second's burst on top of the cap, in any one second and over the whole run.
      secondBound: 2 * cap,
      runBound: Math.floor(cap * (seconds + 1)),
      run: perSecond.reduce((sum, count) => sum + count, 0),
      achievedPerSecond: round(perSecond.reduce((sum, count) => sum + count, 0) / Math.max(1, seconds), 2),
    },
  };
}
