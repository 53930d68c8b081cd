import { describe, expect, it } from 'vitest';
import {
  consentTextSha256,
  consentVersionOf,
  parseConsentVersion,
} from '../../src/lib/consent/consent-version.ts';

describe('consent versions derived from the text', () => {
  it('changes when the words change and not otherwise', () => {
    const before = consentVersionOf('formBlock1', 'de', 'Ich stimme zu.');
    expect(consentVersionOf('formBlock1', 'de', '  Ich stimme zu.\n')).toBe(before);
    expect(consentVersionOf('formBlock1', 'de', 'Ich stimme ausdrücklich zu.')).not.toBe(before);
    expect(consentVersionOf('formBlock1', 'en', 'Ich stimme zu.')).not.toBe(before);
  });

  it('treats composed and decomposed umlauts as the same text', () => {
    expect(consentTextSha256('zu\u0308stimmen')).toBe(consentTextSha256('zústimmen'.replace('ú', 'ü')));
  });

  it('parses its own versions and nothing hand-written', () => {
    const version = consentVersionOf('7xYz-Entry', 'de-DE', 'Text');
    expect(parseConsentVersion(version)).toEqual({
      entryId: '7xYz-Entry',
      locale: 'de-DE',
      textHash: consentTextSha256('Text').slice(0, 16),
    });
    expect(parseConsentVersion('2026-11')).toBeUndefined();
    expect(parseConsentVersion('a:b:c')).toBeUndefined();
  });
});
