import type { LandingPage } from '../../schemas/landing-page.ts';
import type { SiteSettings } from '../../schemas/site-settings.ts';
import type { SpaceExport } from '../../schemas/space-export.ts';
import { localeCodes, siteLocale, type LocaleCode } from '../i18n/locales.ts';
import { pagePath } from '../i18n/paths.ts';
import { mergeIssuesAcrossLocales, type ContentIssue } from './content-issue.ts';
import { EntryResolver } from './entry-resolver.ts';
import { fallbackChain } from './localize.ts';
import { indexSpace } from './space-index.ts';
import type { LocalizedPage } from './map-space.ts';

export type MappedPage =
  | { ok: true; localized: LocalizedPage; settings: SiteSettings; warnings: string[] }
  | { ok: false; issues: ContentIssue[] };

/**
 * Map one landing page and the site settings in one locale, with the same resolution and checks as
 * `mapSpace` but nothing else: the draft preview must not fail because another page is half-written.
 */
export function mapPage(space: SpaceExport, pageId: string, locale: LocaleCode): MappedPage {
  const index = indexSpace(space);
  const resolver = new EntryResolver(index, locale, fallbackChain(space.locales, locale));
  const settingsId = [...index.entries.values()].find(
    (entry) => entry.sys.contentType.sys.id === 'siteSettings',
  )?.sys.id;
  const settings = settingsId === undefined ? undefined : resolver.resolveRoot(settingsId);
  const page = resolver.resolveRoot(pageId) as LandingPage | undefined;
  const issues = [...resolver.issues];
  if (settingsId === undefined)
    issues.push({
      contentType: 'siteSettings',
      entryId: '-',
      entryTitle: 'Site settings',
      field: undefined,
      message: 'create one Site settings entry: the site needs its name, colours and navigation',
      locales: [locale],
    });
  if (!page || !settings || issues.length > 0) return { ok: false, issues: mergeIssuesAcrossLocales(issues) };
  const alternates = localeCodes.map((code: LocaleCode) => ({
    locale: code,
    lang: siteLocale(code).lang,
    path: pagePath(page.slug, code),
  }));
  return {
    ok: true,
    localized: { locale, path: pagePath(page.slug, locale), page, alternates },
    settings: settings as SiteSettings,
    warnings: resolver.warnings,
  };
}
