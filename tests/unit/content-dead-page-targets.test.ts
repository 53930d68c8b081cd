import { describe, expect, it } from 'vitest';
import { isUnpublishedPagePath } from '../../src/lib/content/dead-page-targets.ts';

const published = new Set(['home', 'offer']);

describe('isUnpublishedPagePath', () => {
  it.each(['/missing/', '/missing', '/missing/#signup', '/missing/?utm_source=mail'])(
    'judges %s a link to a page that is not published',
    (href) => expect(isUnpublishedPagePath(href, published)).toBe(true),
  );

  it.each(['/', '/#signup', '/offer/', '/offer', '/de/', '#signup', 'https://example.com/missing/'])(
    'accepts %s',
    (href) => expect(isUnpublishedPagePath(href, published)).toBe(false),
  );

  it.each(['/images/brochure.pdf', '/api/leads', '/de/missing/'])(
    'leaves %s alone: not the address of a page',
    (href) => expect(isUnpublishedPagePath(href, published)).toBe(false),
  );

  it('judges nothing when the published pages are not known (the draft preview)', () => {
    expect(isUnpublishedPagePath('/missing/', undefined)).toBe(false);
  });

  it('finds the home page missing for / when it is not published', () => {
    expect(isUnpublishedPagePath('/#signup', new Set(['offer']))).toBe(true);
  });
});
