import { describe, expect, it } from 'vitest';
import { consentRecordOf } from '../../src/lib/crm/consent-record.ts';
import { consentVersionOf } from '../../src/lib/consent/consent-version.ts';
import { ConsentRecordSchema } from '../../src/schemas/consent-record.ts';

const payload = (version: string) => ({
  locale: 'de-DE',
  pageSlug: 'newsletter',
  consent: { given: true, version, at: '2026-12-07T12:00:00.000Z' },
});

describe('the consent record sent to the CRM', () => {
  it('carries the text hash of a derived version, and double opt-in with its confirmation time', () => {
    const version = consentVersionOf('form-newsletter', 'de-DE', 'Ich bin einverstanden …');
    const record = consentRecordOf({
      payload: payload(version),
      confirmedAt: Date.parse('2026-12-07T12:05:00Z'),
    });
    expect(record).toEqual({
      version,
      textHash: version.split(':')[2],
      locale: 'de-DE',
      page: 'newsletter',
      givenAt: '2026-12-07T12:00:00.000Z',
      method: 'double-opt-in',
      confirmedAt: '2026-12-07T12:05:00.000Z',
      releasedFromSpam: false,
    });
    expect(ConsentRecordSchema.parse(record)).toEqual(record);
  });

  it('is a checkbox consent without a text hash for a legacy version, and says when spam was released', () => {
    const record = consentRecordOf({ payload: payload('2026-11'), releasedFromSpam: true });
    expect(record).toMatchObject({
      version: '2026-11',
      textHash: null,
      method: 'checkbox',
      confirmedAt: null,
      releasedFromSpam: true,
    });
    expect(ConsentRecordSchema.parse(record)).toEqual(record);
  });

  it('is still a valid record for a payload without consent data (an old import)', () => {
    expect(ConsentRecordSchema.parse(consentRecordOf({ payload: {} }))).toMatchObject({
      version: null,
      givenAt: null,
    });
  });
});
