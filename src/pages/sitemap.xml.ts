import type { APIRoute } from 'astro';
import { allPages } from '../content/site.ts';
import { sitemapXml } from '../lib/seo/sitemap.ts';

/** sitemap.xml with every indexable page and its language alternates. */
export const GET: APIRoute = async ({ site, url }) => {
  const xml = sitemapXml(await allPages(), site ?? new URL(url.origin));
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
