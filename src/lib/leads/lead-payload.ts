import type { FormConfig, LeadSubmission } from '../../schemas/lead.ts';
import type { SpamVerdict } from './spam-check.ts';

/** What the endpoint knows about a lead besides what was posted. */
export interface LeadContext {
  receivedAt: number;
  ipHash: string;
  userAgent: string | undefined;
  spam: SpamVerdict;
}

/**
 * What is stored for a lead: the shown fields, where it came from, and proof of consent (which
 * text version, when). The IP is stored only as its keyed hash.
 */
export function leadPayload(lead: LeadSubmission, form: FormConfig, context: LeadContext) {
  const fields = Object.fromEntries(
    form.fields.flatMap((field) => (lead[field] === undefined ? [] : [[field, lead[field]]])),
  );
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
    ...(context.spam.verdict === 'spam' ? { spamReason: context.spam.reason } : {}),
  };
}
