import { describe, expect, it } from 'vitest';
import { consentRuns } from '../../src/lib/content/consent-link.ts';

describe('consentRuns', () => {
  it('links the first mention of the privacy page’s title, whatever its case', () => {
    expect(consentRuns('I agree. Details are in the privacy notice.', 'Privacy notice')).toEqual([
      { text: 'I agree. Details are in the ', link: false },
      { text: 'privacy notice', link: true },
      { text: '.', link: false },
    ]);
  });

  it('links bracketed words instead, and drops the brackets', () => {
    expect(consentRuns('Ich stimme zu. Mehr im [Hinweis zum Datenschutz].', 'Datenschutzhinweis')).toEqual([
      { text: 'Ich stimme zu. Mehr im ', link: false },
      { text: 'Hinweis zum Datenschutz', link: true },
      { text: '.', link: false },
    ]);
  });

  it('adds the title as a link when the text does not mention it', () => {
    expect(consentRuns('I agree.', 'Privacy notice')).toEqual([
      { text: 'I agree. ', link: false },
      { text: 'Privacy notice', link: true },
    ]);
  });

  it('links nothing without a privacy page', () => {
    expect(consentRuns('I agree. See [our notice].', undefined)).toEqual([
      { text: 'I agree. See our notice.', link: false },
    ]);
  });
});
