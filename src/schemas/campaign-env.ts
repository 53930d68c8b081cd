import { z } from 'zod';
import { DeliveryEnvSchema } from './delivery-env.ts';
import { LeadIntakeEnvSchema } from './lead.ts';

/**
 * What the readiness report reads from the environment: the delivery pace and the lead function's
 * launch-day knobs. The fields are the delivery worker's and the lead function's own definitions,
 * taken without their production-only checks (a CRM secret has no bearing on readiness, and the
 * build's summary must never fail for want of one).
 */
export const CampaignEnvSchema = z.object({
  LEADS_DELIVERY_RATE: DeliveryEnvSchema.shape.LEADS_DELIVERY_RATE,
  LEADS_DELIVERY_TIME_BUDGET_MS: DeliveryEnvSchema.shape.LEADS_DELIVERY_TIME_BUDGET_MS,
  LEADS_DELIVERY_CONTINUOUS: DeliveryEnvSchema.shape.LEADS_DELIVERY_CONTINUOUS,
  LEADS_LANE_SHARES: DeliveryEnvSchema.shape.LEADS_LANE_SHARES,
  LEADS_FORMS_CLOSED: LeadIntakeEnvSchema.in.shape.LEADS_FORMS_CLOSED,
  LEADS_RATE_LIMIT_PER_MINUTE: LeadIntakeEnvSchema.in.shape.LEADS_RATE_LIMIT_PER_MINUTE,
});

export type CampaignEnv = z.infer<typeof CampaignEnvSchema>;
