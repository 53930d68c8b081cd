import type { SharedCircuit } from './database-circuit.ts';
import type { DeliverLeadDeps } from './deliver-lead.ts';
import type { DeliveryGate } from './delivery-gate.ts';
import { startDrainRun, type DrainRun } from './drain-run.ts';
import { drainTurn } from './drain-steps.ts';

export interface DrainOptions {
  /** `LEADS_DELIVERY_RATE` (all workers together) and `LEADS_DELIVERY_BURST`: sizes claims and waits. */
  ratePerSecond: number;
  /**
   * Most CRM calls in flight at once (`LEADS_DELIVERY_CONCURRENCY`): a ceiling. Below it, the run
   * keeps pace × the CRM's observed latency in flight (delivery-concurrency.ts).
   */
  concurrency: number;
  /** Most leads claimed at once; fewer at a slow pace, so claimed leads do not wait long for tokens. */
  claimBatch: number;
  /** Claiming stops after this; calls already sent are then awaited (each ends by its timeout). */
  timeBudgetMs: number;
  /** The sink's per-call timeout: leases are sized to outlast it. */
  callTimeoutMs: number;
  /**
   * Nothing due: `stop` (a scheduled run); `retries`: wait while a queued lead falls due within the
   * budget (the background drainer), else stop; `{ pollMs }`: keep polling until the budget ends.
   */
  whenIdle: 'stop' | 'retries' | { pollMs: number };
  /** Checked before each call: true stops claiming (Ctrl+C; a test's "killed" worker). */
  shouldStop?: () => boolean;
  onProgress?: (summary: DrainSummary) => void;
  /** Renew a lease (the drainer's) at least this often; false from `renew` means it was lost: stop. */
  keepAlive?: { everyMs: number; renew: () => Promise<boolean> };
}

export interface DrainDeps extends Omit<DeliverLeadDeps, 'acks'> {
  gate: DeliveryGate;
  circuit: SharedCircuit;
  sleep: (ms: number) => Promise<void>;
  workerId: string;
  /** When the next queued lead falls due (for `whenIdle: 'retries'`). */
  nextDueAt: () => Promise<number | undefined>;
}

export type StopReason = 'empty' | 'time-budget' | 'circuit-open' | 'stopped' | 'store-error' | 'lease-lost';

export interface DrainSummary {
  delivered: number;
  retried: number;
  dead: number;
  /** Claimed but handed back unsent (run ended, circuit opened, lease too short to risk a call). */
  released: number;
  stoppedBecause: StopReason | undefined;
  elapsedMs: number;
}

/**
 * Deliver due leads, oldest first, until the queue is empty, the time budget is spent, the circuit
 * is open past the budget, or `shouldStop` says so. Every call is paced by the shared token bucket
 * and gated by the shared circuit (both rows in the database, see delivery-gate.ts), with as many
 * calls in flight as the pace needs at the CRM's observed latency, at most `concurrency`
 * (delivery-concurrency.ts). The loop's steps are in drain-steps.ts. Leads claimed but not sent are
 * handed back before returning, and a probe slot taken but not used is given back, so no other
 * worker waits for it.
 */
export async function drain(deps: DrainDeps, options: DrainOptions): Promise<DrainSummary> {
  const run = startDrainRun(deps, options);
  run.buffer.warm();
  deps.log({ event: 'drain.start', worker: deps.workerId, ratePerSecond: options.ratePerSecond });
  try {
    run.summary.stoppedBecause = await loop(run);
  } finally {
    await finish(run);
  }
  const { summary } = run;
  summary.elapsedMs = deps.now() - run.startedAt;
  deps.log({
    event: 'drain.end',
    worker: deps.workerId,
    ...summary,
    stoppedBecause: summary.stoppedBecause ?? 'error',
  });
  return summary;
}

async function loop(run: DrainRun): Promise<StopReason> {
  for (;;) {
    const stop = await drainTurn(run);
    if (stop) return stop;
  }
}

/**
 * Wait for the calls in flight, give back an unused probe, flush the acks, and hand back every
 * claimed lead not sent, in parallel (a scheduled run ends close to Netlify's limit).
 */
async function finish(run: DrainRun): Promise<void> {
  const { deps } = run;
  await Promise.allSettled(run.inFlight);
  if (run.probeToken)
    await deps.circuit
      .releaseProbe(run.probeToken, deps.now())
      .catch(run.storeError('giving the probe back'));
  await run.acks.settled();
  const unsent = await run.buffer.drainRemaining();
  const dueAt = run.releaseUntil();
  await Promise.all(unsent.map((lead) => run.release(lead, dueAt, 'run ended')));
}
