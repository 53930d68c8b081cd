import { defaultLeadLane } from '../../schemas/delivery-lanes.ts';
import type { FormConfig } from '../../schemas/lead.ts';
import type { LeadFlow } from '../queue/lead-queue.ts';

/**
 * Where a lead of this form waits for delivery: the form's lane, and its group, the campaign whose
 * pages show it or else the form itself (`form:<id>`, never a campaign key, which has no colon).
 */
export function leadFlowOf(formId: string, form: Pick<FormConfig, 'lane' | 'campaign'>): LeadFlow {
  return { lane: form.lane ?? defaultLeadLane, group: form.campaign ?? `form:${formId}`, formId };
}
