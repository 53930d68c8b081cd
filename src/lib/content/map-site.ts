import type { LandingPage } from '../../schemas/landing-page.ts';
import type { SiteSettings } from '../../schemas/site-settings.ts';
import type { SpaceEntry, SpaceExport } from '../../schemas/space-export.ts';
import { mapCampaigns } from '../campaigns/map-campaigns.ts';
import { localeCodes, type LocaleCode } from '../../schemas/locales.ts';
import { pagePath } from '../i18n/paths.ts';
import { mergeIssuesAcrossLocales, type ContentIssue } from './content-issue.ts';
import { ContentValidationError } from './content-validation-error.ts';
import { EntryResolver, type LeftOutItem } from './entry-resolver.ts';
import { legalNoticeProblems } from './legal-notice.ts';
import { fallbackChain } from './localize.ts';
import type { LocalizedPage } from './localized-page.ts';
import type { MappedSite } from './mapped-site.ts';
import { buildContentReport } from './report-problems.ts';
import { consentPrivacyProblems } from '../consent/privacy-link-problems.ts';
import {
  alternatesOf,
  checkLocales,
  checkSingleSettings,
  checkUniqueSlugs,
  entryIdsOfType,
  formatWarnings,
} from './site-structure.ts';
import { indexSpace, type SpaceIndex } from './space-index.ts';
import { mapRedirects, pageSlugsByLocale, redirectEntryProblems } from './map-redirects.ts';
import { siteRedirects, type RedirectInput } from './redirect-rules.ts';

export interface MapSiteOptions {
  /** Each entry's last version that passed every check (from the previous build), by id. */
  lastGood?: ReadonlyMap<string, SpaceEntry>;
  /** Slugs pages had before (from the sync history), redirected to their current address. */
  previousSlugs?: RedirectInput['previousSlugs'];
}

export interface SiteMapping {
  site: MappedSite;
  /** Every entry problem, merged across locales (warnings excluded). */
  issues: ContentIssue[];
  /** The entries that passed every check, to keep as the last good versions for the next build. */
  goodEntries: SpaceEntry[];
}

/** One pass over the space: what built, what failed, what was left out. */
interface Attempt {
  settings: Partial<Record<LocaleCode, SiteSettings>>;
  pages: LocalizedPage[];
  issues: ContentIssue[];
  warnings: ContentIssue[];
  leftOut: LeftOutItem[];
  /** Structural problems of the whole content (locales, duplicate slugs, missing settings). */
  structural: ContentIssue[];
}

/**
 * Map a whole space to the pages the site renders, isolating mistakes: an entry that fails its
 * checks is replaced by its last good version where there is one, else what depends on it (the
 * section, the navigation link, the page) is left out and every other page still builds. Only content
 * that no page can be built without (the locales, the site settings) throws a ContentValidationError.
 */
export function mapSite(original: SpaceExport, options: MapSiteOptions = {}): SiteMapping {
  let space = original;
  let attempt = attemptSite(indexSpace(space), space, new Map());
  const restored = restorable(space, attempt.issues, options.lastGood);
  // A restored entry's problems are still the marketer's to fix: they stay in the report.
  const restoredIssues = attempt.issues.filter((issue) => restored.has(issue.entryId));
  if (restored.size > 0) {
    const lastGood = (entry: SpaceEntry) =>
      restored.has(entry.sys.id) ? (options.lastGood?.get(entry.sys.id) ?? entry) : entry;
    space = { ...space, entries: original.entries.map(lastGood) };
    attempt = attemptSite(indexSpace(space), space, new Map());
  }
  const index = indexSpace(space);
  const pageIds = entryIdsOfType(index, 'landingPage');
  // A page not built in a locale is gone there: links and buttons to it are left out like links to a draft.
  const unbuilt = new Map(
    localeCodes.map((locale) => [
      locale,
      new Set(
        pageIds.filter((id) => !attempt.pages.some((page) => page.page.id === id && page.locale === locale)),
      ),
    ]),
  );
  // Links to a broken page are left out silently: the page's own problem says so, once.
  const authoredWarnings = attempt.warnings;
  if ([...unbuilt.values()].some((ids) => ids.size > 0))
    attempt = { ...attemptSite(index, space, unbuilt), warnings: authoredWarnings };
  // A campaign's problems are readiness findings (from mapCampaigns), even when a page links to it.
  const entryIssues = [...restoredIssues, ...attempt.issues].filter(
    (issue) => issue.contentType !== 'campaign',
  );
  if (attempt.structural.length > 0 || settingsBroken(attempt, index))
    throw new ContentValidationError(mergeIssuesAcrossLocales([...attempt.structural, ...entryIssues]));

  const { campaigns, ...campaignProblems } = mapCampaigns(index);
  const pages = withBuiltAlternates(attempt.pages);
  const issues = mergeIssuesAcrossLocales([...entryIssues, ...campaignProblems.issues]);
  const report = buildContentReport({
    index,
    space,
    pages,
    issues: mergeIssuesAcrossLocales(entryIssues),
    warnings: mergeIssuesAcrossLocales(attempt.warnings),
    readiness: campaignFindings(campaignProblems.issues, campaignProblems.warnings),
    campaigns,
    leftOut: attempt.leftOut,
    restored,
  });
  const redirects = mapRedirects(index);
  const routing = siteRedirects({
    pages,
    slugs: pageSlugsByLocale(index, space),
    redirects: redirects.redirects,
    ...(options.previousSlugs ? { previousSlugs: options.previousSlugs } : {}),
  });
  report.problems.push(...redirectEntryProblems(redirects.issues), ...routing.problems);
  const [settingsId = '-'] = entryIdsOfType(index, 'siteSettings');
  const settingsName = attempt.settings[localeCodes[0] ?? 'en-US']?.siteName ?? 'Site settings';
  report.problems.unshift(...legalNoticeProblems(attempt.settings, { id: settingsId, name: settingsName }));
  // Consent without its privacy notice heads the report: visitors are agreeing to it right now.
  report.problems.unshift(...consentPrivacyProblems(pages, attempt.settings));
  // Restored entries stay out: their last good version is already kept.
  const failedIds = new Set(attempt.issues.map((issue) => issue.entryId));
  return {
    site: {
      settings: attempt.settings as Record<LocaleCode, SiteSettings>,
      pages,
      campaigns,
      warnings: formatWarnings(attempt.warnings),
      report,
      redirects: routing.rules,
    },
    issues,
    goodEntries: space.entries.filter((entry) => !failedIds.has(entry.sys.id)),
  };
}

function attemptSite(
  index: SpaceIndex,
  space: SpaceExport,
  unbuilt: ReadonlyMap<LocaleCode, ReadonlySet<string>>,
): Attempt {
  const settingsIds = entryIdsOfType(index, 'siteSettings');
  const pageIds = entryIdsOfType(index, 'landingPage');
  const slugIssues = checkUniqueSlugs(index, space, pageIds);
  const structural = [...checkLocales(space), ...checkSingleSettings(settingsIds)];
  // Pages that share an address (or a home page off the root) are left out where they collide.
  const collides = (id: string, locale: LocaleCode) =>
    slugIssues.some(
      (issue) =>
        issue.entryId.split(', ').includes(id) &&
        (issue.locales.length === 0 || issue.locales.includes(locale)),
    );
  const pageSlugs = (gone: ReadonlySet<string>) =>
    new Set(
      pageIds
        .filter((id) => !gone.has(id))
        .map((id) => index.entries.get(id)?.fields.slug?.[index.defaultLocale])
        .filter((slug): slug is string => typeof slug === 'string'),
    );
  const result: Attempt = {
    settings: {},
    pages: [],
    issues: [...slugIssues],
    warnings: [],
    leftOut: [],
    structural,
  };
  for (const locale of localeCodes) {
    const gone = unbuilt.get(locale) ?? new Set<string>();
    const chain = fallbackChain(space.locales, locale);
    const resolver = new EntryResolver(index, locale, chain, pageSlugs(gone), gone);
    const settings = settingsIds.length === 1 ? resolver.resolveRoot(settingsIds[0] ?? '') : undefined;
    if (settings) result.settings[locale] = settings as SiteSettings;
    for (const id of pageIds) {
      if (collides(id, locale)) continue;
      const page = resolver.resolveRoot(id) as LandingPage | undefined;
      if (!page) continue;
      result.pages.push({
        locale,
        path: pagePath(page.slug, locale),
        page,
        alternates: alternatesOf(index, space, id),
      });
    }
    result.issues.push(...resolver.issues);
    result.warnings.push(...resolver.warnings);
    result.leftOut.push(...resolver.leftOut);
  }
  return result;
}

/** No page can be built without the site settings in every locale. */
function settingsBroken(attempt: Attempt, index: SpaceIndex): boolean {
  const [settingsId] = entryIdsOfType(index, 'siteSettings');
  return settingsId !== undefined && localeCodes.some((locale) => !attempt.settings[locale]);
}

/** Failed entries that have a different last good version to fall back on. */
function restorable(
  space: SpaceExport,
  issues: readonly ContentIssue[],
  lastGood: ReadonlyMap<string, SpaceEntry> | undefined,
): Set<string> {
  if (!lastGood) return new Set();
  const current = new Map(space.entries.map((entry) => [entry.sys.id, entry]));
  return new Set(
    issues
      .map((issue) => issue.entryId)
      .filter((id) => {
        const good = lastGood.get(id);
        return good !== undefined && JSON.stringify(good.fields) !== JSON.stringify(current.get(id)?.fields);
      }),
  );
}

/** `hreflang` and the language switcher name only addresses the build produced. */
function withBuiltAlternates(pages: LocalizedPage[]): LocalizedPage[] {
  const built = new Set(pages.map((page) => `${page.page.id} ${page.locale}`));
  return pages.map((page) => ({
    ...page,
    alternates: page.alternates.filter((alternate) => built.has(`${page.page.id} ${alternate.locale}`)),
  }));
}

/**
 * A campaign's problems once: a skipped target page link is said by the target page finding (or
 * by the empty list it leaves behind), not a second time as a skipped link.
 */
function campaignFindings(issues: ContentIssue[], warnings: ContentIssue[]): ContentIssue[] {
  const said = new Set(issues.map((issue) => `${issue.entryId} ${issue.field}`));
  const rest = warnings.filter(
    (warning) => warning.field !== 'targetPages' && !said.has(`${warning.entryId} ${warning.field}`),
  );
  return mergeIssuesAcrossLocales([...issues, ...rest]);
}
