import type { SiteSettings } from '../../schemas/site-settings.ts';
import { createHrefLocalizer } from '../i18n/href-localizer.ts';
import type { LocaleCode } from '../../schemas/locales.ts';
import { localizeHref, pagePath } from '../i18n/paths.ts';
import type { LocalizedPage } from './localized-page.ts';

/** What blocks need to know about the rest of the site, in the page's locale. */
export interface BlockSite {
  /** A content href (a default-locale path, an anchor or a URL) as this locale's href. */
  href: (href: string) => string;
  /** The privacy page consent texts link to, if Site settings name one. */
  privacy: { title: string; href: string } | undefined;
}

/** The site context for blocks on one locale's pages. */
export function blockSite(
  pages: readonly LocalizedPage[],
  settings: Pick<SiteSettings, 'privacyPage'>,
  locale: LocaleCode,
): BlockSite {
  const localize = createHrefLocalizer(pages);
  const { privacyPage } = settings;
  return {
    href: (href) => localize(href, locale),
    privacy: privacyPage && { title: privacyPage.title, href: pagePath(privacyPage.slug, locale) },
  };
}

/** Without the other pages (a lone preview, a component test): prefix paths, no privacy link. */
export const standaloneBlockSite = (locale: LocaleCode): BlockSite => ({
  href: (href) => localizeHref(href, locale),
  privacy: undefined,
});
