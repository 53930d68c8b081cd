import { defaultLeadLane } from '../../schemas/delivery-lanes.ts';
import type { FormConfig } from '../../schemas/lead.ts';
import type { LeadFlow } from '../queue/lead-queue.ts';

/**
 * Where a lead of this form waits for delivery: the form's lane, and its group, the campaign whose
 * pages show it or else the form itself (`form:<id>`, never a campaign key, which has no colon).
 * A campaign's lead also carries its ticket's weight (1 unless set) and cap, which the enqueue
 * keeps in `lead_groups` for the claim.
 */
export function leadFlowOf(
  formId: string,
  form: Pick<FormConfig, 'lane' | 'campaign' | 'campaignWeight' | 'campaignMaxPerSecond'>,
): LeadFlow {
  const lane = form.lane ?? defaultLeadLane;
  if (!form.campaign) return { lane, group: `form:${formId}`, formId };
  const cap = form.campaignMaxPerSecond;
  return {
    lane,
    group: form.campaign,
    formId,
    weight: form.campaignWeight ?? 1,
    ...(cap === undefined ? {} : { maxPerSecond: cap }),
  };
}
