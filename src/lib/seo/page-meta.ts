import type { Asset } from '../../schemas/asset.ts';
import type { SiteSettings } from '../../schemas/site-settings.ts';
import type { LocalizedPage } from '../content/map-space.ts';
import { defaultLocale, siteLocale, type LocaleCode } from '../../schemas/locales.ts';
import { structuredData } from './structured-data.ts';

/** Everything the document head needs for one page, with absolute URLs. */
export interface PageMeta {
  title: string;
  description: string;
  canonical: string;
  robots: 'index, follow' | 'noindex, follow';
  lang: string;
  ogLocale: string;
  ogImage: { url: string; width: number; height: number; alt: string } | undefined;
  twitterSite: string | undefined;
  alternates: { hreflang: string; href: string }[];
  jsonLd: Record<string, unknown>[];
}

const absolute = (path: string, site: URL) => new URL(path, site).href;

function ogImageOf(asset: Asset | undefined, site: URL): PageMeta['ogImage'] {
  return (
    asset && { url: absolute(asset.url, site), width: asset.width, height: asset.height, alt: asset.alt }
  );
}

/** The head metadata of a landing page: its SEO fields, falling back to the site's defaults. */
export function pageMeta(localized: LocalizedPage, settings: SiteSettings, site: URL): PageMeta {
  const { page, locale } = localized;
  const title =
    page.seoTitle ?? (page.slug === 'home' ? settings.siteName : `${page.title} · ${settings.siteName}`);
  const description = page.seoDescription ?? settings.defaultSeoDescription;
  const canonical = page.canonicalUrl ?? absolute(localized.path, site);
  const defaultAlternate = localized.alternates.find((alternate) => alternate.locale === defaultLocale);
  return {
    title,
    description,
    canonical,
    robots: page.noindex ? 'noindex, follow' : 'index, follow',
    lang: siteLocale(locale).lang,
    ogLocale: locale.replace('-', '_'),
    ogImage: ogImageOf(page.ogImage ?? settings.defaultOgImage, site),
    twitterSite: settings.twitterHandle,
    alternates: [
      ...localized.alternates.map((alternate) => ({
        hreflang: alternate.locale,
        href: absolute(alternate.path, site),
      })),
      ...(defaultAlternate ? [{ hreflang: 'x-default', href: absolute(defaultAlternate.path, site) }] : []),
    ],
    jsonLd: structuredData({ localized, settings, site, title, description, canonical }),
  };
}

/** Head metadata for a page that is not a landing page (the 404 page, the no-JS error page). */
export function plainMeta(
  title: string,
  locale: LocaleCode,
  settings: SiteSettings,
  site: URL,
  path = '/404/',
): PageMeta {
  return {
    title: `${title} · ${settings.siteName}`,
    description: settings.defaultSeoDescription,
    canonical: absolute(path, site),
    robots: 'noindex, follow',
    lang: siteLocale(locale).lang,
    ogLocale: locale.replace('-', '_'),
    ogImage: ogImageOf(settings.defaultOgImage, site),
    twitterSite: settings.twitterHandle,
    alternates: [],
    jsonLd: [],
  };
}
