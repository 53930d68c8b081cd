import type { OpsLog } from '../ops/ops-log.ts';
import { refusalReason } from '../ops/refusal-recorder.ts';
import type { LeadQueue } from '../queue/lead-queue.ts';

/**
 * The intake's log lines (issue 19, item 6), one per submission, with ids and never the payload:
 * `lead.accepted` (stored now: queued, spam or unconfirmed), `lead.replayed` (a retry answered
 * from the stored lead), `lead.conflict` (its key was stored with other fields: the 409), from
 * the queue the endpoint files into; every other refusal (400 with its code, 403, 413, 429, 503)
 * as `lead.refused` from the answer. A 503's cause is logged where it happens
 * (src/lib/leads/unavailable-cause.ts). Costs one `console.log` per lead and no statement.
 */
export function withIntakeLog(queue: LeadQueue, log: OpsLog): LeadQueue {
  return {
    ...queue,
    async enqueue(lead, spam) {
      const stored = await queue.enqueue(lead, spam);
      const flow = { formId: lead.flow?.formId, group: lead.flow?.group };
      if (stored.outcome === 'created') {
        const state = spam ? 'spam' : lead.needsConfirmation ? 'unconfirmed' : 'queued';
        log({ event: 'lead.accepted', leadId: stored.id, ...flow, state });
      } else
        log({
          event: `lead.${stored.outcome === 'duplicate' ? 'replayed' : 'conflict'}`,
          leadId: stored.id,
          ...flow,
        });
      return stored;
    },
  };
}

/** Wrap a lead handler so each refusal other than a 409 (logged with its lead by `withIntakeLog`) is one line. */
export const loggingRefusals =
  <Args extends unknown[]>(handler: (...args: Args) => Promise<Response>, log: OpsLog) =>
  async (...args: Args): Promise<Response> => {
    const response = await handler(...args);
    if (response.status >= 400 && response.status !== 409)
      log({ event: 'lead.refused', status: response.status, reason: refusalReason(response) });
    return response;
  };
