import { z } from 'zod';

/**
 * The body of a `lead.erased` event (docs/crm-webhook.md): sent to the CRM webhook, signed like a
 * lead, with `X-Floodgate-Event: lead.erased`, so the CRM can erase its own copy of the person.
 */
export const LeadErasedEventSchema = z.object({
  event: z.literal('lead.erased'),
  /** The event id, also sent as `Idempotency-Key`: the same on every retry. */
  id: z.string().min(1).max(200),
  /** When the site erased the address (ISO 8601, UTC). */
  erasedAt: z.iso.datetime(),
  /** The erased address, normalised (trimmed, NFC, lower case): how the CRM finds its contact. */
  email: z.email(),
  /** Ids of the leads erased here (queued, spam, dead letters, outbox): any the CRM received too. */
  leadIds: z.array(z.string()),
});

export type LeadErasedEvent = z.infer<typeof LeadErasedEventSchema>;

/** The header naming a non-lead event; lead deliveries carry none. */
export const EVENT_HEADER = 'X-Floodgate-Event';
