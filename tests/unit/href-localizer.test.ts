import { describe, expect, it } from 'vitest';
import type { LocalizedPage } from '../../src/lib/content/map-space.ts';
import { createHrefLocalizer } from '../../src/lib/i18n/href-localizer.ts';

const page = (id: string, locale: LocalizedPage['locale'], path: string) =>
  ({ locale, path, page: { id }, alternates: [] }) as unknown as LocalizedPage;

const localize = createHrefLocalizer([
  page('sale', 'en-US', '/winter-sale/'),
  page('sale', 'de-DE', '/de/winteraktion/'),
  page('home', 'en-US', '/'),
  page('home', 'de-DE', '/de/'),
]);

describe('createHrefLocalizer', () => {
  it('follows a page to its slug in the locale, keeping the anchor or query', () => {
    expect(localize('/winter-sale/#signup', 'de-DE')).toBe('/de/winteraktion/#signup');
    expect(localize('/winter-sale', 'de-DE')).toBe('/de/winteraktion/');
    expect(localize('/winter-sale/?utm_source=x', 'de-DE')).toBe('/de/winteraktion/?utm_source=x');
    expect(localize('/', 'de-DE')).toBe('/de/');
    expect(localize('/winter-sale/', 'en-US')).toBe('/winter-sale/');
  });

  it('localizes other paths by prefix and leaves anchors and URLs alone', () => {
    expect(localize('/status/', 'de-DE')).toBe('/de/status/');
    expect(localize('#signup', 'de-DE')).toBe('#signup');
    expect(localize('https://example.com/winter-sale/', 'de-DE')).toBe('https://example.com/winter-sale/');
  });
});
