import type { LeadSubmission } from '../../schemas/lead.ts';
import { spamThreshold, type SpamVerdict } from './spam-check.ts';

/** What the endpoint knows about a lead besides what was posted. */
export interface LeadContext {
  receivedAt: number;
  ipHash: string;
  userAgent: string | undefined;
  spam: SpamVerdict;
}

/**
 * What is stored for a lead: the shown fields (presets and custom fields, under their ids), where it came from, and proof of consent (which
 * text version, when). The IP is stored only as its keyed hash. Spam also records its score and signals.
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
    // Why a lead was filed as spam, so a reviewer can judge and release it.
    ...(context.spam.verdict === 'spam'
      ? { spam: { score: context.spam.score, threshold: spamThreshold, signals: context.spam.signals } }
      : {}),
  };
}
