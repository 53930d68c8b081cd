import type { ConsentRecord } from '../../schemas/consent-record.ts';
import { parseConsentVersion } from '../consent/consent-version.ts';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/**
 * The consent record of a lead as stored (`payload.consent`: version and time; its locale and page)
 * and as the queue knows it (confirmed by link, released from spam).
 */
export function consentRecordOf(lead: {
  payload: Record<string, unknown>;
  confirmedAt?: number;
  releasedFromSpam?: boolean;
}): ConsentRecord {
  const consent = (lead.payload.consent ?? {}) as Record<string, unknown>;
  const version = text(consent.version);
  const givenAt = text(consent.at);
  return {
    version,
    textHash: (version && parseConsentVersion(version)?.textHash) ?? null,
    locale: text(lead.payload.locale),
    page: text(lead.payload.pageSlug),
    givenAt: givenAt && !Number.isNaN(Date.parse(givenAt)) ? new Date(givenAt).toISOString() : null,
    method: lead.confirmedAt === undefined ? 'checkbox' : 'double-opt-in',
    confirmedAt: iso(lead.confirmedAt),
    releasedFromSpam: lead.releasedFromSpam ?? false,
  };
}
