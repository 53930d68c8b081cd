import { describe, expect, it } from 'vitest';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { pageMeta } from '../../src/lib/seo/page-meta.ts';
import { sitemapXml } from '../../src/lib/seo/sitemap.ts';
import { entryOf, fixtureSpace } from '../fixtures/space.ts';

const site = new URL('https://www.harbor.example');

function mapped(change: (space: ReturnType<typeof fixtureSpace>) => void = () => {}) {
  const space = fixtureSpace();
  change(space);
  return mapSpace(space);
}

describe('pageMeta', () => {
  it('falls back to the site name and default description', () => {
    const { pages, settings } = mapped();
    const meta = pageMeta(
      pages.find((page) => page.path === '/offer/')!,
      settings['en-US'],
      site,
    );
    expect(meta).toMatchObject({
      title: 'Offer · Harbor',
      description: settings['en-US'].defaultSeoDescription,
      canonical: 'https://www.harbor.example/offer/',
      robots: 'index, follow',
      lang: 'en',
      ogLocale: 'en_US',
    });
  });

  it('uses the page SEO fields and canonical override when set', () => {
    const { pages, settings } = mapped((space) => {
      entryOf(space, 'page-offer').fields.seoTitle = { 'en-US': 'Winter offer: 40% off' };
      entryOf(space, 'page-offer').fields.canonicalUrl = { 'en-US': 'https://harbor.example/offer/' };
      entryOf(space, 'page-offer').fields.noindex = { 'en-US': true };
    });
    const meta = pageMeta(
      pages.find((page) => page.path === '/offer/')!,
      settings['en-US'],
      site,
    );
    expect(meta).toMatchObject({
      title: 'Winter offer: 40% off',
      canonical: 'https://harbor.example/offer/',
      robots: 'noindex, follow',
    });
  });

  it('links every locale and an x-default as hreflang alternates', () => {
    const { pages, settings } = mapped();
    const meta = pageMeta(
      pages.find((page) => page.path === '/de/offer/')!,
      settings['de-DE'],
      site,
    );
    expect(meta.alternates).toEqual([
      { hreflang: 'en-US', href: 'https://www.harbor.example/offer/' },
      { hreflang: 'de-DE', href: 'https://www.harbor.example/de/offer/' },
      { hreflang: 'x-default', href: 'https://www.harbor.example/offer/' },
    ]);
  });

  it('describes the organisation, the page and its FAQ as JSON-LD', () => {
    const { pages, settings } = mapped();
    const meta = pageMeta(
      pages.find((page) => page.path === '/offer/')!,
      settings['en-US'],
      site,
    );
    expect(meta.jsonLd.map((item) => item['@type'])).toEqual(['Organization', 'WebPage', 'FAQPage']);
    expect(meta.jsonLd[2]).toMatchObject({
      mainEntity: [{ name: 'Is there a free trial?', acceptedAnswer: { text: 'Yes, for 14 days.' } }],
    });
  });
});

describe('sitemapXml', () => {
  it('lists every indexable page with its language alternates', () => {
    const xml = sitemapXml(mapped().pages, site);
    expect(xml.match(/<loc>[^<]+<\/loc>/g)).toEqual([
      '<loc>https://www.harbor.example/</loc>',
      '<loc>https://www.harbor.example/de/</loc>',
      '<loc>https://www.harbor.example/de/offer/</loc>',
      '<loc>https://www.harbor.example/offer/</loc>',
    ]);
    expect(xml).toContain(
      '<xhtml:link rel="alternate" hreflang="de-DE" href="https://www.harbor.example/de/offer/"/>',
    );
  });

  it('leaves out noindex pages in every locale', () => {
    const xml = sitemapXml(
      mapped((space) => (entryOf(space, 'page-offer').fields.noindex = { 'en-US': true })).pages,
      site,
    );
    expect(xml).not.toContain('offer');
  });
});
