import { siteLocale, type LocaleCode } from '../../schemas/locales.ts';

/** The slug that maps to the site root. */
export const homeSlug = 'home';

/** The URL path of a landing page in a locale: `/`, `/slug/`, `/de/`, `/de/slug/`. */
export function pagePath(slug: string, locale: LocaleCode): string {
  const { prefix } = siteLocale(locale);
  const segments = [prefix, slug === homeSlug ? '' : slug].filter(Boolean);
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** The same path as an array of segments, as Astro's rest parameter expects (`undefined` for `/`). */
export function pageRouteParam(slug: string, locale: LocaleCode): string | undefined {
  const path = pagePath(slug, locale);
  return path === '/' ? undefined : path.slice(1, -1);
}

/** Resolve a CTA href in a locale: site paths get the locale prefix, anchors and URLs stay. */
export function localizeHref(href: string, locale: LocaleCode): string {
  const { prefix } = siteLocale(locale);
  if (!href.startsWith('/') || prefix === '') return href;
  return `/${prefix}${href}`;
}
