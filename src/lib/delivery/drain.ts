import { traced } from '../log/trace.ts';
import { startDrainRun, type DrainRun } from './drain-run.ts';
import { drainTurn } from './drain-steps.ts';
import type { DrainDeps, DrainOptions, DrainSummary, StopReason } from './drain-types.ts';

export type { DrainDeps, DrainOptions, DrainSummary, StopReason } from './drain-types.ts';

/**
 * Deliver due leads, oldest first, until the queue is empty, the time budget is spent, the circuit
 * is open past the budget, or `shouldStop` says so. Every call is paced by the shared token bucket
 * and gated by the shared circuit (both rows in the database, see delivery-gate.ts), with as many
 * calls in flight as the pace needs at the CRM's observed latency, at most `concurrency`
 * (delivery-concurrency.ts). The loop's steps are in drain-steps.ts. Leads claimed but not sent are
 * handed back before returning, and a probe slot taken but not used is given back, so no other
 * worker waits for it.
 */
export function drain(deps: DrainDeps, options: DrainOptions): Promise<DrainSummary> {
  // One span per run (a batch of deliveries), with its outcome counts: never per lead.
  return traced(
    'floodgate.drain',
    () => drainRun(deps, options),
    (summary) => ({
      'floodgate.worker': deps.workerId,
      'floodgate.delivered': summary.delivered,
      'floodgate.retried': summary.retried,
      'floodgate.dead': summary.dead,
      'floodgate.released': summary.released,
      'floodgate.stopped_because': summary.stoppedBecause ?? 'error',
    }),
  );
}

async function drainRun(deps: DrainDeps, options: DrainOptions): Promise<DrainSummary> {
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
