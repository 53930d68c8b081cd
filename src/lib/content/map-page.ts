import type { LandingPage } from '../../schemas/landing-page.ts';
import type { SiteSettings } from '../../schemas/site-settings.ts';
import type { SpaceExport } from '../../schemas/space-export.ts';
import type { LocaleCode } from '../../schemas/locales.ts';
import { pagePath } from '../i18n/paths.ts';
import { mergeIssuesAcrossLocales, type ContentIssue } from './content-issue.ts';
import { EntryResolver } from './entry-resolver.ts';
import { fallbackChain } from './localize.ts';
import { indexSpace } from './space-index.ts';
import { alternatesOf, entryIdsOfType, formatWarnings, missingSettingsMessage } from './site-structure.ts';
import type { LocalizedPage } from './localized-page.ts';

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
  const [settingsId] = entryIdsOfType(index, 'siteSettings');
  const settings = settingsId === undefined ? undefined : resolver.resolveRoot(settingsId);
  const page = resolver.resolveRoot(pageId) as LandingPage | undefined;
  const issues = [...resolver.issues];
  if (settingsId === undefined)
    issues.push({
      contentType: 'siteSettings',
      entryId: '-',
      entryTitle: 'Site settings',
      field: undefined,
      message: missingSettingsMessage,
      locales: [locale],
    });
  if (!page || !settings || issues.length > 0) return { ok: false, issues: mergeIssuesAcrossLocales(issues) };
  return {
    ok: true,
    localized: {
      locale,
      path: pagePath(page.slug, locale),
      page,
      alternates: alternatesOf(index, space, pageId),
    },
    settings: settings as SiteSettings,
    warnings: formatWarnings(resolver.warnings),
  };
}
