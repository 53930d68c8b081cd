import type { LocalizedPage } from '../content/map-space.ts';
import { defaultLocale, type LocaleCode } from '../../schemas/locales.ts';
import { localizeHref } from './paths.ts';

/** Turns an href written in content (a default-locale path) into the right href for a locale. */
export type HrefLocalizer = (href: string, locale: LocaleCode) => string;

/**
 * Marketers write CTA links once, as the default locale's path (`/winter-sale/#signup`). With a
 * German slug per page, prefixing `/de` is not enough (`/de/winteraktion/`), so a path that names a
 * page is looked up among the built pages; anything else (anchors, URLs, unknown paths) is
 * localized as before.
 */
export function createHrefLocalizer(pages: readonly LocalizedPage[]): HrefLocalizer {
  const idByDefaultPath = new Map(
    pages.filter((page) => page.locale === defaultLocale).map((page) => [page.path, page.page.id]),
  );
  const pathOf = new Map(pages.map((page) => [`${page.page.id} ${page.locale}`, page.path]));
  return (href, locale) => {
    // A site path, with or without its trailing slash, then an optional query or anchor.
    const match = /^(\/[^?#]*)([?#].*)?$/.exec(href);
    const id = match && idByDefaultPath.get(match[1].replace(/\/?$/, '/'));
    const path = id && pathOf.get(`${id} ${locale}`);
    return path ? `${path}${match?.[2] ?? ''}` : localizeHref(href, locale);
  };
}
