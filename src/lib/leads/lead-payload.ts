import type { LeadSubmission } from '../../schemas/lead.ts';

/** What the endpoint knows about a lead besides what was posted. */
export interface LeadContext {
  receivedAt: number;
  ipHash: string;
  userAgent: string | undefined;
}

/**
 * What is stored for a lead: the shown fields (presets and custom fields, under their ids), where it came from, and proof of consent (which
 * text version, when). The IP is stored only as its keyed hash. A spam verdict is stored beside the
 * payload (the queue's `spam` column), not in it, so releasing a lead sends the CRM only the lead.
 */
export function leadPayload(lead: LeadSubmission, fields: Record<string, unknown>, context: LeadContext) {
  const receivedAt = new Date(context.receivedAt).toISOString();
  return {
    fields,
    formId: lead.formId,
    pageSlug: lead.pageSlug,
    locale: lead.locale,
    utm: lead.utm ?? {},
    referrer: lead.referrer ?? null,
    consent: { given: true, version: lead.consentVersion, at: receivedAt },
    receivedAt,
    fillMs: lead.fillMs ?? null,
    ipHash: context.ipHash,
    userAgent: context.userAgent?.slice(0, 500) ?? null,
  };
}
