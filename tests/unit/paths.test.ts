import { describe, expect, it } from 'vitest';
import { localizeHref, pagePath, pageRouteParam } from '../../src/lib/i18n/paths.ts';

describe('pagePath', () => {
  it('puts the home page at the root of each locale', () => {
    expect(pagePath('home', 'en-US')).toBe('/');
    expect(pagePath('home', 'de-DE')).toBe('/de/');
  });

  it('puts other pages at /slug/ and /de/slug/', () => {
    expect(pagePath('winter-sale', 'en-US')).toBe('/winter-sale/');
    expect(pagePath('winter-sale', 'de-DE')).toBe('/de/winter-sale/');
  });

  it('gives Astro the rest parameter for the same path', () => {
    expect(pageRouteParam('home', 'en-US')).toBeUndefined();
    expect(pageRouteParam('home', 'de-DE')).toBe('de');
    expect(pageRouteParam('winter-sale', 'de-DE')).toBe('de/winter-sale');
  });
});

describe('localizeHref', () => {
  it('prefixes site paths with the locale', () => {
    expect(localizeHref('/privacy/', 'de-DE')).toBe('/de/privacy/');
    expect(localizeHref('/privacy/', 'en-US')).toBe('/privacy/');
  });

  it('leaves anchors and absolute URLs alone', () => {
    expect(localizeHref('#signup', 'de-DE')).toBe('#signup');
    expect(localizeHref('https://status.example.com', 'de-DE')).toBe('https://status.example.com');
    expect(localizeHref('mailto:hello@example.com', 'de-DE')).toBe('mailto:hello@example.com');
  });
});
