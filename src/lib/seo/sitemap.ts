import type { LocalizedPage } from '../content/map-space.ts';
import { escapeHtml } from '../content/escape-html.ts';

/**
 * sitemap.xml for the indexable pages, each with `xhtml:link` alternates for every locale.
 * `noindex` pages are left out, and so are their alternates. https://www.sitemaps.org/protocol.html
 */
export function sitemapXml(pages: LocalizedPage[], site: URL): string {
  const indexable = pages.filter((localized) => !localized.page.noindex);
  const indexablePaths = new Set(indexable.map((localized) => localized.path));
  const absolute = (path: string) => escapeHtml(new URL(path, site).href);
  const urls = indexable
    .toSorted((a, b) => a.path.localeCompare(b.path))
    .map((localized) => {
      const alternates = localized.alternates
        .filter((alternate) => indexablePaths.has(alternate.path))
        .map(
          (alternate) =>
            `    <xhtml:link rel="alternate" hreflang="${alternate.locale}" href="${absolute(alternate.path)}"/>`,
        );
      return ['  <url>', `    <loc>${absolute(localized.path)}</loc>`, ...alternates, '  </url>'].join('\n');
    });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}
