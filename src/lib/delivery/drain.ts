import type { ClaimedLead } from '../queue/lead-queue.ts';
import { randomToken } from '../queue/random-token.ts';
import { createAckBatcher } from './ack-batcher.ts';
import type { SharedCircuit } from './database-circuit.ts';
import { deliverLead, type DeliverLeadDeps } from './deliver-lead.ts';
import type { DeliveryGate } from './delivery-gate.ts';
import { errorMessage } from './delivery-log.ts';
import { createLeadBuffer } from './lead-buffer.ts';

export interface DrainOptions {
  /** `LEADS_DELIVERY_RATE` (all workers together) and `LEADS_DELIVERY_BURST`: sizes claims and waits. */
  ratePerSecond: number;
  /** CRM calls in flight at once (`LEADS_DELIVERY_CONCURRENCY`). */
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

// Room between a lease's end and the latest moment a call may start, beyond the call's own timeout.
const leaseMarginMs = 5_000;
const minLeaseMs = 30_000;
// While waiting for a retry to fall due, look for new leads this often.
const retryPollMs = 2_000;

/**
 * Deliver due leads, oldest first, until the queue is empty, the time budget is spent, the circuit
 * is open past the budget, or `shouldStop` says so. Every call is paced by the shared token bucket
 * and gated by the shared circuit (both rows in the database, see delivery-gate.ts), with at most
 * `concurrency` calls at once. Leads claimed but not sent are handed back before returning, and a
 * probe slot taken but not used is given back, so no other worker waits for it.
 */
export async function drain(deps: DrainDeps, options: DrainOptions): Promise<DrainSummary> {
  const { now, sleep, gate, circuit, log, workerId } = deps;
  const startedAt = now();
  const stopAt = startedAt + options.timeBudgetMs;
  const paceIntervalMs = 1000 / options.ratePerSecond;
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
  const acks = createAckBatcher(deps.queue, (error, leads) =>
    storeError(`acknowledging ${leads} leads`)(error),
  );
  const delivery = { ...deps, acks };
  const inFlight = new Set<Promise<void>>();
  // A batch is about two seconds at the configured pace; the next is claimed as the current one goes.
  const buffer = createLeadBuffer(deps.queue, () => {
    const batch = Math.max(1, Math.min(options.claimBatch, Math.ceil(options.ratePerSecond * 2)));
    const spendMs = Math.ceil((batch / options.ratePerSecond) * 1000);
    // Near the end of the budget, claim no further ahead: those leads would only be handed back.
    const ahead = now() + 2 * spendMs < stopAt ? Math.max(options.concurrency, batch) : 0;
    // Other workers share the pace, so a batch may take longer to spend: the floor covers that.
    const leaseMs = Math.max(minLeaseMs, options.callTimeoutMs + 2 * spendMs + leaseMarginMs);
    return { batch, leaseMs, refillBelow: ahead };
  });
  const keepAlive = options.keepAlive;
  let renewedAt = startedAt;
  let probeToken: string | undefined;
  let sharedFailures = 0;
  let releaseUntil = (): number => now();
  // Sleeps never outlast the budget or the lease's renewal.
  const wait = (ms: number) =>
    sleep(Math.max(1, Math.min(ms, stopAt - now(), keepAlive?.everyMs ?? Infinity)));

  const count = (verdict: string) => {
    summary[verdict === 'delivered' ? 'delivered' : verdict === 'retry' ? 'retried' : 'dead'] += 1;
    options.onProgress?.({ ...summary, elapsedMs: now() - startedAt });
  };
  const call = async (lead: ClaimedLead) => {
    const { verdict, crmUp } = await deliverLead(lead, delivery);
    count(verdict);
    if (crmUp && sharedFailures > 0) {
      sharedFailures = 0;
      await circuit.recordSuccess().catch(storeError('resetting the circuit'));
    } else if (!crmUp) {
      const opened = await circuit.recordFailure(now()).catch(storeError('recording a failure'));
      if (opened) log({ event: 'circuit', state: 'open', until: opened.until, worker: workerId });
    }
  };
  const probe = async (lead: ClaimedLead, token: string) => {
    let reported = false;
    try {
      const { verdict, crmUp } = await deliverLead(lead, delivery, true);
      count(verdict);
      if (crmUp) await circuit.probeSucceeded(token);
      else await circuit.probeFailed(token, now());
      reported = true;
      log({ event: 'circuit', state: crmUp ? 'closed' : 'open', worker: workerId });
    } catch (error) {
      storeError('reporting the probe')(error);
    } finally {
      if (!reported) await circuit.releaseProbe(token, now()).catch(storeError('giving the probe back'));
    }
  };
  const send = (work: Promise<void>) => {
    const tracked = work.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return tracked;
  };
  const leaseTooShort = (lead: ClaimedLead) =>
    lead.leaseExpiresAt - now() < options.callTimeoutMs + leaseMarginMs / 2;

  buffer.warm();
  log({ event: 'drain.start', worker: workerId, ratePerSecond: options.ratePerSecond });
  try {
    summary.stoppedBecause = await (async (): Promise<StopReason> => {
      for (;;) {
        if (options.shouldStop?.()) return 'stopped';
        if (now() >= stopAt) return 'time-budget';
        if (keepAlive && now() - renewedAt >= keepAlive.everyMs) {
          renewedAt = now();
          const kept = await keepAlive
            .renew()
            .catch((error: unknown) => (storeError('renewing the lease')(error), true));
          if (!kept) return 'lease-lost';
        }
        if (inFlight.size >= options.concurrency || (probeToken && inFlight.size > 0)) {
          await Promise.race(inFlight);
          continue;
        }
        const next = await buffer.next();
        if (next.kind === 'store-error') {
          storeError('claiming leads')(next.error);
          return 'store-error';
        }
        if (next.kind === 'empty') {
          if (inFlight.size > 0) await Promise.race(inFlight);
          else if (options.whenIdle === 'stop') return 'empty';
          else if (options.whenIdle === 'retries') {
            const due = await deps.nextDueAt().catch(() => undefined);
            if (due === undefined || due >= stopAt) return 'empty';
            await wait(Math.min(due - now(), retryPollMs));
          } else await wait(options.whenIdle.pollMs);
          continue;
        }
        const lead = next.lead;
        if (leaseTooShort(lead)) {
          await release(lead, now(), 'lease too short to risk a call');
          continue;
        }
        const want = probeToken ? 1 : Math.min(options.concurrency - inFlight.size, 1 + buffer.size());
        let pass;
        try {
          pass = await gate.take(now(), want, probeToken);
        } catch (error) {
          buffer.putBack(lead);
          storeError('taking tokens')(error);
          return 'store-error';
        }
        sharedFailures = pass.circuit.failures;
        if (pass.granted === undefined) {
          // The circuit bars this worker (open, or another worker's probe); a probe it held has lapsed.
          buffer.putBack(lead);
          probeToken = undefined;
          const until = pass.circuit.until ?? now();
          if (until <= now()) {
            const token = randomToken(deps.random);
            const won = await circuit.takeProbe(token, now()).catch(storeError('taking the probe'));
            if (won) probeToken = token;
            else await wait(paceIntervalMs);
            continue;
          }
          if (pass.circuit.state === 'open' && until >= stopAt) {
            releaseUntil = () => until;
            return 'circuit-open';
          }
          // Open: sleep out the cool-down. Half-open: look again each pace interval, so the moment
          // the probe closes the circuit this worker resumes too.
          await wait(pass.circuit.state === 'open' ? until - now() : Math.min(until - now(), paceIntervalMs));
          continue;
        }
        if (pass.granted === 0) {
          buffer.putBack(lead);
          if (now() + pass.waitMs > stopAt) return 'time-budget';
          await wait(pass.waitMs);
          continue;
        }
        if (probeToken) {
          const token = probeToken;
          probeToken = undefined;
          await send(probe(lead, token));
          continue;
        }
        void send(call(lead));
        // A grant of several tokens is spent at once on leads already claimed; unspent tokens lapse.
        for (let spent = 1; spent < pass.granted; spent += 1) {
          const more = buffer.ready();
          if (!more) break;
          if (leaseTooShort(more)) await release(more, now(), 'lease too short to risk a call');
          else void send(call(more));
        }
      }
    })();
  } finally {
    await Promise.allSettled(inFlight);
    if (probeToken) await circuit.releaseProbe(probeToken, now()).catch(storeError('giving the probe back'));
    await acks.settled();
    await releaseAll(await buffer.drainRemaining(), releaseUntil());
  }
  summary.elapsedMs = now() - startedAt;
  log({
    event: 'drain.end',
    worker: workerId,
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
    await deps.queue.release(lead, dueAt).catch(storeError(`releasing lead ${lead.id}`));
  }
}
