import type { CrmSink } from '../crm/crm-sink.ts';
import type { ClaimedLead, DeliveryAttempt, LeadQueue } from '../queue/lead-queue.ts';
import { errorMessage, type DeliveryLog } from './delivery-log.ts';
import { isRetryable, verdictFor, type RetryPolicy, type Verdict } from './retry-policy.ts';

/** What delivering one lead needs. */
export interface DeliverLeadDeps {
  queue: LeadQueue;
  sink: CrmSink;
  /** Where delivered leads are acknowledged (batched: see ack-batcher.ts). */
  acks: { ack(lead: ClaimedLead): void };
  retry: RetryPolicy;
  now: () => number;
  random: () => number;
  log: DeliveryLog;
}

/** The verdict on the lead, and whether the CRM answered sanely (2xx, or a permanent 4xx: it is up, the lead is bad). */
export interface DeliveryResult {
  verdict: Verdict['kind'];
  crmUp: boolean;
}

/**
 * Call the CRM once for a claimed lead and settle it: ack, nack with a backoff, or dead letter.
 * If the store fails to record the verdict, the lease simply runs out and the lead is delivered
 * again, which the Idempotency-Key makes harmless; so a store error is logged, never thrown.
 */
export async function deliverLead(
  lead: ClaimedLead,
  deps: DeliverLeadDeps,
  probe = false,
): Promise<DeliveryResult> {
  const { queue, now, log } = deps;
  const startedAt = now();
  const outcome = await deps.sink.deliver({
    id: lead.id,
    receivedAt: lead.receivedAt,
    attempt: lead.attempt,
    payload: lead.payload,
    ...(lead.confirmedAt === undefined ? {} : { confirmedAt: lead.confirmedAt }),
    ...(lead.releasedFromSpam ? { releasedFromSpam: true } : {}),
  });
  const latencyMs = now() - startedAt;
  const verdict = verdictFor(outcome, lead.attempt, deps.retry, deps.random);
  const attempt: DeliveryAttempt = outcome.ok
    ? { at: startedAt, status: outcome.status }
    : { at: startedAt, status: outcome.status, error: outcome.detail };
  try {
    if (verdict.kind === 'delivered') deps.acks.ack(lead);
    else if (verdict.kind === 'retry') await queue.nack(lead, attempt, now() + verdict.delayMs);
    else await queue.deadLetter(lead, attempt, verdict.reason);
  } catch (error) {
    log({ event: 'store.error', during: `settling lead ${lead.id}`, error: errorMessage(error) });
  }
  log({
    event: 'lead.delivery',
    leadId: lead.id,
    attempt: lead.attempt,
    outcome: verdict.kind,
    status: outcome.status,
    latencyMs,
    ...(verdict.kind === 'retry' ? { retryInMs: verdict.delayMs } : {}),
    ...(probe ? { probe } : {}),
  });
  return { verdict: verdict.kind, crmUp: outcome.ok || !isRetryable(outcome.status) };
}
