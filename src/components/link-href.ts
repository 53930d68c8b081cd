import type { LocaleCode } from '../schemas/locales.ts';
import { localizeHref, pagePath } from '../lib/i18n/paths.ts';
import type { Link } from '../schemas/link.ts';

/** Where a navigation or footer link points in a locale: a page follows the locale, a URL is localized. */
export function linkHref(link: Link, locale: LocaleCode): string {
  if (link.page) return pagePath(link.page.slug, locale);
  return localizeHref(link.url ?? '/', locale);
}

/** `aria-current` for a link: only a link to this very page (not to an anchor on it) is current. */
export function currentAttr(href: string, currentPath: string): 'page' | undefined {
  return href === currentPath ? 'page' : undefined;
}
