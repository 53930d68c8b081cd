import type { ClaimedLead } from '../queue/lead-queue.ts';
import { createAckBatcher } from './ack-batcher.ts';
import { createDeliveryConcurrency, type DeliveryConcurrency } from './delivery-concurrency.ts';
import { errorMessage } from './delivery-log.ts';
import type { DrainDeps, DrainOptions, DrainSummary } from './drain-types.ts';
import { createLeadBuffer } from './lead-buffer.ts';

// Room between a lease's end and the latest moment a call may start, beyond the call's own timeout.
export const leaseMarginMs = 5_000;
const minLeaseMs = 30_000;

/**
 * One drain's state and the small operations every step shares: the claim buffer, the calls in
 * flight, the counts, the batched acks, the clock-bounded wait and the hand-back of a lead.
 */
export interface DrainRun {
  deps: DrainDeps;
  options: DrainOptions;
  startedAt: number;
  stopAt: number;
  summary: DrainSummary;
  buffer: ReturnType<typeof createLeadBuffer>;
  acks: ReturnType<typeof createAckBatcher>;
  inFlight: Set<Promise<void>>;
  /** In-flight calls allowed: pace × the CRM's observed latency, up to `options.concurrency`. */
  concurrency: DeliveryConcurrency;
  /** The probe this worker holds while the circuit is half-open. */
  probeToken: string | undefined;
  /** Consecutive failures all workers saw, as the last gate pass said. */
  sharedFailures: number;
  renewedAt: number;
  /** When leads handed back at the end fall due again (the circuit's cool-down end, or now). */
  releaseUntil: () => number;
  storeError: (during: string) => (error: unknown) => void;
  count: (verdict: string) => void;
  send: (work: Promise<void>) => Promise<void>;
  /** Sleep, never past the budget or the lease's next renewal. */
  wait: (ms: number) => Promise<void>;
  release: (lead: ClaimedLead, dueAt: number, reason: string) => Promise<void>;
  leaseTooShort: (lead: ClaimedLead) => boolean;
}

export function startDrainRun(deps: DrainDeps, options: DrainOptions): DrainRun {
  const { now, log } = deps;
  const startedAt = now();
  const stopAt = startedAt + options.timeBudgetMs;
  const summary: DrainSummary = {
    delivered: 0,
    retried: 0,
    dead: 0,
    released: 0,
    stoppedBecause: undefined,
    elapsedMs: 0,
  };
  const storeError = (during: string) => (error: unknown) =>
    log({ event: 'store.error', during, error: errorMessage(error) });
  const concurrency = createDeliveryConcurrency({
    ratePerSecond: options.ratePerSecond,
    ceiling: options.concurrency,
  });
  const inFlight = new Set<Promise<void>>();
  const run: DrainRun = {
    deps,
    options,
    startedAt,
    stopAt,
    summary,
    concurrency,
    inFlight,
    probeToken: undefined,
    sharedFailures: 0,
    renewedAt: startedAt,
    releaseUntil: () => now(),
    storeError,
    acks: createAckBatcher(deps.queue, (error, leads) => storeError(`acknowledging ${leads} leads`)(error)),
    buffer: createLeadBuffer(deps.queue, () => claimSizing(run)),
    count(verdict) {
      summary[verdict === 'delivered' ? 'delivered' : verdict === 'retry' ? 'retried' : 'dead'] += 1;
      options.onProgress?.({ ...summary, elapsedMs: now() - startedAt });
    },
    send(work) {
      const tracked = work.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      return tracked;
    },
    wait: (ms) =>
      deps.sleep(Math.max(1, Math.min(ms, stopAt - now(), options.keepAlive?.everyMs ?? Infinity))),
    async release(lead, dueAt, reason) {
      summary.released += 1;
      log({ event: 'lead.released', leadId: lead.id, reason });
      await deps.queue.release(lead, dueAt).catch(storeError(`releasing lead ${lead.id}`));
    },
    leaseTooShort: (lead) => lead.leaseExpiresAt - now() < options.callTimeoutMs + leaseMarginMs / 2,
  };
  return run;
}

/**
 * A batch is about two seconds at the configured pace; the next is claimed as the current one goes.
 * Near the end of the budget nothing is claimed ahead: those leads would only be handed back.
 */
function claimSizing({ options, deps, stopAt, concurrency }: DrainRun) {
  const batch = Math.max(1, Math.min(options.claimBatch, Math.ceil(options.ratePerSecond * 2)));
  const spendMs = Math.ceil((batch / options.ratePerSecond) * 1000);
  const ahead = deps.now() + 2 * spendMs < stopAt ? Math.max(concurrency.limit(), batch) : 0;
  // Other workers share the pace, so a batch may take longer to spend: the floor covers that.
  const leaseMs = Math.max(minLeaseMs, options.callTimeoutMs + 2 * spendMs + leaseMarginMs);
  return { batch, leaseMs, refillBelow: ahead };
}
