import { describe, expect, it } from 'vitest';
import { fallbackChain, localizedValue } from '../../src/lib/content/localize.ts';

const locales = [
  { code: 'en-US', name: 'English', default: true, fallbackCode: null },
  { code: 'de-DE', name: 'German', default: false, fallbackCode: 'en-US' },
  { code: 'de-AT', name: 'Austrian German', default: false, fallbackCode: 'de-DE' },
  { code: 'fr-FR', name: 'French', default: false, fallbackCode: null },
];

describe('fallbackChain', () => {
  it('follows fallback codes to the end', () => {
    expect(fallbackChain(locales, 'de-AT')).toEqual(['de-AT', 'de-DE', 'en-US']);
  });

  it('stops where a locale has no fallback, as Contentful does', () => {
    expect(fallbackChain(locales, 'fr-FR')).toEqual(['fr-FR']);
  });

  it('stops at a fallback cycle instead of looping', () => {
    const cyclic = [
      { code: 'a', name: 'A', default: true, fallbackCode: 'b' },
      { code: 'b', name: 'B', default: false, fallbackCode: 'a' },
    ];
    expect(fallbackChain(cyclic, 'a')).toEqual(['a', 'b']);
  });
});

describe('localizedValue', () => {
  it('takes the first locale that has a value', () => {
    expect(localizedValue({ 'en-US': 'Hello' }, ['de-AT', 'de-DE', 'en-US'])).toBe('Hello');
    expect(localizedValue({ 'en-US': 'Hello', 'de-DE': 'Hallo' }, ['de-AT', 'de-DE', 'en-US'])).toBe('Hallo');
  });

  it('treats null as untranslated and keeps false and empty arrays as values', () => {
    expect(localizedValue({ 'de-DE': null, 'en-US': 'Hello' }, ['de-DE', 'en-US'])).toBe('Hello');
    expect(localizedValue({ 'de-DE': false, 'en-US': true }, ['de-DE', 'en-US'])).toBe(false);
    expect(localizedValue({ 'de-DE': [] }, ['de-DE'])).toEqual([]);
  });

  it('is undefined when no locale in the chain has a value', () => {
    expect(localizedValue({ 'fr-FR': 'Bonjour' }, ['de-DE', 'en-US'])).toBeUndefined();
    expect(localizedValue(undefined, ['en-US'])).toBeUndefined();
  });
});
