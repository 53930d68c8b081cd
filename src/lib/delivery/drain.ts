import type { ClaimedLead } from '../queue/lead-queue.ts';
import { deliverLead, type DeliverLeadDeps } from './deliver-lead.ts';
import { errorMessage } from './delivery-log.ts';
import { createLeadBuffer } from './lead-buffer.ts';
import type { Pacer } from './shared-pacer.ts';

export interface DrainOptions {
  /** CRM calls in flight at once (`LEADS_DELIVERY_CONCURRENCY`). */
  concurrency: number;
  /** Most leads claimed at once; fewer at a slow pace, so claimed leads do not wait long for tokens. */
  claimBatch: number;
  /** Claiming stops after this; calls already sent are then awaited (each ends by its timeout). */
  timeBudgetMs: number;
  /** The sink's per-call timeout: leases are sized to outlast it. */
  callTimeoutMs: number;
  /** `stop` once nothing is due (a scheduled run); or keep polling until the budget ends. */
  whenIdle: 'stop' | { pollMs: number };
  /** Checked before each call: true stops claiming (Ctrl+C; a test's "killed" worker). */
  shouldStop?: () => boolean;
  onProgress?: (summary: DrainSummary) => void;
}

export interface DrainDeps extends DeliverLeadDeps {
  pacer: Pacer;
  sleep: (ms: number) => Promise<void>;
  workerId: string;
}

export type StopReason = 'empty' | 'time-budget' | 'circuit-open' | 'stopped' | 'store-error';

export interface DrainSummary {
  delivered: number;
  retried: number;
  dead: number;
  /** Claimed but handed back unsent (run ended, circuit opened, lease too short to risk a call). */
  released: number;
  stoppedBecause: StopReason | undefined;
  elapsedMs: number;
}

// Room between a lease's end and the latest moment a call may start, beyond the call's own timeout.
const leaseMarginMs = 5_000;
const minLeaseMs = 30_000;

/**
 * Deliver due leads, oldest first, until the queue is empty, the time budget is spent, the circuit
 * is open past the budget, or `shouldStop` says so. Paced by the shared token bucket, at most
 * `concurrency` calls at once. Leads claimed but not sent are handed back before returning.
 */
export async function drain(deps: DrainDeps, options: DrainOptions): Promise<DrainSummary> {
  const { now, sleep, pacer, circuit, log } = deps;
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
  const inFlight = new Set<Promise<void>>();
  // A batch is about two seconds of this worker's share. The next batch is claimed as soon as the
  // current one starts to go, because a claim costs several store round trips per lead and a dry
  // buffer loses tokens beyond the burst; so a lead may wait up to two batches for its call.
  const buffer = createLeadBuffer(deps.queue, () => {
    const rate = pacer.share().ratePerSecond;
    const batch = Math.max(1, Math.min(options.claimBatch, Math.ceil(rate * 2)));
    const spendMs = Math.ceil((batch / rate) * 1000);
    // Near the end of the budget, claim no further ahead: those leads would only be handed back.
    const ahead = now() + 2 * spendMs < stopAt ? Math.max(options.concurrency, batch) : 0;
    // The floor covers a worker slower than its share (a busy store): a lead must not outlive its lease
    // in the buffer. A longer lease only delays redelivery after a crash, well within the next run.
    const leaseMs = Math.max(minLeaseMs, options.callTimeoutMs + 2 * spendMs + leaseMarginMs);
    return { batch, leaseMs, refillBelow: ahead };
  });
  const send = (lead: ClaimedLead, probe: boolean) => {
    const call = deliverLead(lead, deps, probe).then((verdict) => {
      summary[verdict === 'delivered' ? 'delivered' : verdict === 'retry' ? 'retried' : 'dead'] += 1;
      options.onProgress?.({ ...summary, elapsedMs: now() - startedAt });
    });
    const tracked = call.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return tracked;
  };
  let releaseUntil = (): number => now();

  buffer.warm();
  try {
    await pacer.join();
  } catch (error) {
    log({ event: 'store.error', during: 'joining the workers', error: errorMessage(error) });
    await releaseAll(await buffer.drainRemaining(), now());
    return { ...summary, stoppedBecause: 'store-error', elapsedMs: now() - startedAt };
  }
  log({ event: 'drain.start', worker: deps.workerId, ...pacer.share() });
  try {
    summary.stoppedBecause = await (async (): Promise<StopReason> => {
      for (;;) {
        if (options.shouldStop?.()) return 'stopped';
        if (now() >= stopAt) return 'time-budget';
        const gate = await circuit.gate();
        if (gate.kind === 'wait') {
          if (gate.until >= stopAt) {
            releaseUntil = () => gate.until;
            return 'circuit-open';
          }
          await sleep(Math.min(gate.until - now(), 1_000));
          continue;
        }
        if (inFlight.size >= options.concurrency || (gate.kind === 'probe' && inFlight.size > 0)) {
          await Promise.race(inFlight);
          continue;
        }
        const next = await buffer.next();
        if (next.kind === 'store-error') {
          log({ event: 'store.error', during: 'claiming leads', error: errorMessage(next.error) });
          return 'store-error';
        }
        if (next.kind === 'empty') {
          if (inFlight.size > 0) await Promise.race(inFlight);
          else if (options.whenIdle === 'stop') return 'empty';
          else await sleep(Math.min(options.whenIdle.pollMs, Math.max(0, stopAt - now())));
          continue;
        }
        const lead = next.lead;
        if (lead.leaseExpiresAt - now() < options.callTimeoutMs + leaseMarginMs / 2) {
          await release(lead, now(), 'lease too short to risk a call');
          continue;
        }
        if (!(await pacer.acquire(stopAt))) {
          buffer.putBack(lead);
          return 'time-budget';
        }
        if (gate.kind === 'probe') await send(lead, true);
        else void send(lead, false);
      }
    })();
  } finally {
    await Promise.allSettled(inFlight);
    await releaseAll(await buffer.drainRemaining(), releaseUntil());
    await pacer.leave();
  }
  summary.elapsedMs = now() - startedAt;
  log({
    event: 'drain.end',
    worker: deps.workerId,
    ...summary,
    stoppedBecause: summary.stoppedBecause ?? 'error',
  });
  return summary;

  // In parallel: a scheduled run ends close to Netlify's limit, and a batch is at most `claimBatch` leads.
  async function releaseAll(leads: ClaimedLead[], dueAt: number) {
    await Promise.all(leads.map((lead) => release(lead, dueAt, 'run ended')));
  }

  async function release(lead: ClaimedLead, dueAt: number, reason: string) {
    summary.released += 1;
    log({ event: 'lead.released', leadId: lead.id, reason });
    await deps.queue.release(lead, dueAt).catch((error: unknown) => {
      log({ event: 'store.error', during: `releasing lead ${lead.id}`, error: errorMessage(error) });
    });
  }
}
