import type { SiteSettings } from '../../schemas/site-settings.ts';
import { siteLocale, type LocaleCode } from '../../schemas/locales.ts';
import type { ContentProblem } from './content-report.ts';

/** Locales (by language) whose sites must name their provider one click from every page (§ 5 DDG). */
const legalNoticeLanguages = new Set(['de']);

/**
 * The site publishes a locale that must have a legal notice (Impressum), and the site settings link
 * none (or one that could not be built): an error that heads the content report. The site still
 * builds: taking it down would not make it any more lawful.
 */
export function legalNoticeProblems(
  settings: Partial<Record<LocaleCode, SiteSettings>>,
  settingsEntry: { id: string; name: string },
): ContentProblem[] {
  const missing = (Object.keys(settings) as LocaleCode[]).filter(
    (locale) => legalNoticeLanguages.has(siteLocale(locale).lang) && !settings[locale]?.legalNoticePage,
  );
  if (missing.length === 0) return [];
  return [
    {
      severity: 'error',
      contentType: 'siteSettings',
      entryId: settingsEntry.id,
      entryName: settingsEntry.name,
      field: 'legalNoticePage',
      locales: missing,
      message:
        'the site has a German version but no legal notice (Impressum), which German law requires one click from every page: create a page with it and choose it as the Legal notice page',
      pages: ['*'],
      instead: 'every page without a legal notice link in its footer',
    },
  ];
}
