import { describe, expect, it } from 'vitest';
import { hyphenatedRuns } from '../../src/lib/text/hyphenated-words.ts';

describe('hyphenatedRuns', () => {
  it('keeps each hyphenated word together and leaves the rest free to wrap', () => {
    expect(hyphenatedRuns('Book a 30-minute demo')).toEqual([
      { text: 'Book a ', keepTogether: false },
      { text: '30-minute', keepTogether: true },
      { text: ' demo', keepTogether: false },
    ]);
  });

  it('keeps multi-part compounds and their punctuation whole', () => {
    expect(hyphenatedRuns('Ihre E-Mail-Adresse, bitte.')).toEqual([
      { text: 'Ihre ', keepTogether: false },
      { text: 'E-Mail-Adresse,', keepTogether: true },
      { text: ' bitte.', keepTogether: false },
    ]);
  });

  it('leaves text without inner hyphens, and dashes between words, as one free run', () => {
    expect(hyphenatedRuns('Close the loop - automatically')).toEqual([
      { text: 'Close the loop - automatically', keepTogether: false },
    ]);
    expect(hyphenatedRuns('')).toEqual([]);
  });
});
