import { z } from 'zod';
import { ConsentRecordSchema } from './consent-record.ts';

/**
 * The JSON body of every CRM webhook call (docs/crm-webhook.md). Identical on every retry of a
 * lead, so a receiver may compare bodies of requests with the same `Idempotency-Key`.
 */
export const CrmWebhookBodySchema = z.object({
  /** The lead id, also sent as `Idempotency-Key`: time-ordered and unique per submission. */
  id: z.string().min(1).max(200),
  /** When the site accepted the lead (ISO 8601, UTC). */
  receivedAt: z.iso.datetime(),
  /**
   * What the visitor submitted and its context, as the lead function stored it: `fields`, `formId`,
   * `pageSlug`, `locale`, `utm`, `referrer`, `consent`, `receivedAt`, `fillMs`, `ipHash`, `userAgent`.
   */
  lead: z.record(z.string(), z.unknown()),
  /** The proof of consent: words, place, time and method (docs/crm-webhook.md, "Consent record"). */
  consent: ConsentRecordSchema,
});

export type CrmWebhookBody = z.infer<typeof CrmWebhookBodySchema>;
