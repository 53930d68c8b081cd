import { describe, expect, it } from 'vitest';
import { isPreviewSecret } from '../../src/lib/contentful/preview-secret.ts';
import { previewTarget } from '../../src/lib/contentful/preview-target.ts';

describe('previewTarget', () => {
  it('reads the page and locale from the preview path', () => {
    expect(previewTarget(undefined, null)).toEqual({ slug: 'home', locale: 'en-US' });
    expect(previewTarget('winter-sale', null)).toEqual({ slug: 'winter-sale', locale: 'en-US' });
    expect(previewTarget('de/winter-sale', null)).toEqual({ slug: 'winter-sale', locale: 'de-DE' });
    expect(previewTarget('de', null)).toEqual({ slug: 'home', locale: 'de-DE' });
  });

  it("takes Contentful's {locale} query parameter over the path", () => {
    expect(previewTarget('winter-sale', 'de-DE')).toEqual({ slug: 'winter-sale', locale: 'de-DE' });
  });

  it('names no page for paths no landing page can have', () => {
    expect(previewTarget('a/b', null)).toBeUndefined();
    expect(previewTarget('Winter Sale', null)).toBeUndefined();
    expect(previewTarget('winter-sale', 'fr-FR')).toBeUndefined();
  });
});

describe('isPreviewSecret', () => {
  it('accepts only the exact secret', () => {
    const secret = '0123456789abcdef0123456789abcdef';
    expect(isPreviewSecret(secret, secret)).toBe(true);
    expect(isPreviewSecret(`${secret}x`, secret)).toBe(false);
    expect(isPreviewSecret(secret.slice(1), secret)).toBe(false);
    expect(isPreviewSecret('', secret)).toBe(false);
    expect(isPreviewSecret(null, secret)).toBe(false);
  });
});
