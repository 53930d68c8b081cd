import type { ClaimedLead } from '../queue/lead-queue.ts';
import { deliverLead } from './deliver-lead.ts';
import type { DrainRun } from './drain-run.ts';

/**
 * One CRM call for a lead, counted, its latency fed to the concurrency sizing, and the shared
 * circuit told: a failure counts towards opening it, the first success after failures resets it.
 */
export async function callCrm(run: DrainRun, lead: ClaimedLead): Promise<void> {
  const { deps } = run;
  const sentAt = deps.now();
  const { verdict, crmUp } = await deliverLead(lead, { ...deps, acks: run.acks });
  run.concurrency.observe(deps.now() - sentAt, crmUp);
  run.count(verdict);
  if (crmUp && run.sharedFailures > 0) {
    run.sharedFailures = 0;
    await deps.circuit.recordSuccess().catch(run.storeError('resetting the circuit'));
  } else if (!crmUp) {
    const opened = await deps.circuit.recordFailure(deps.now()).catch(run.storeError('recording a failure'));
    if (opened) deps.log({ event: 'circuit', state: 'open', until: opened.until, worker: deps.workerId });
  }
}

/**
 * The half-open circuit's one call: its outcome closes or re-opens the circuit for every worker.
 * If the outcome cannot be recorded, the probe slot is given back so no other worker waits for it.
 */
export async function probeCrm(run: DrainRun, lead: ClaimedLead, token: string): Promise<void> {
  const { deps } = run;
  let reported = false;
  try {
    const { verdict, crmUp } = await deliverLead(lead, { ...deps, acks: run.acks }, true);
    run.count(verdict);
    if (crmUp) await deps.circuit.probeSucceeded(token);
    else await deps.circuit.probeFailed(token, deps.now());
    reported = true;
    deps.log({ event: 'circuit', state: crmUp ? 'closed' : 'open', worker: deps.workerId });
  } catch (error) {
    run.storeError('reporting the probe')(error);
  } finally {
    if (!reported)
      await deps.circuit.releaseProbe(token, deps.now()).catch(run.storeError('giving the probe back'));
  }
}
