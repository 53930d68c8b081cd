import type { SpaceExport } from '../../schemas/space-export.ts';
import { localeCodes, siteLocale, type LocaleCode } from '../../schemas/locales.ts';
import { homeSlug, pagePath } from '../i18n/paths.ts';
import { formatContentIssue, mergeIssuesAcrossLocales, type ContentIssue } from './content-issue.ts';
import { fallbackChain, localizedValue } from './localize.ts';
import type { SpaceIndex } from './space-index.ts';
import type { Alternate } from './localized-page.ts';

/** Warnings as log lines, one per entry and field whatever the number of locales it affects. */
export function formatWarnings(warnings: ContentIssue[]): string[] {
  return mergeIssuesAcrossLocales(warnings).map(formatContentIssue);
}

/**
 * The page's address in every site locale, each with that locale's slug (falling back along the
 * locale chain like any other field), for `hreflang` and the language switcher.
 */
export function alternatesOf(
  index: SpaceIndex,
  space: Pick<SpaceExport, 'locales'>,
  pageId: string,
): Alternate[] {
  const slugField = index.entries.get(pageId)?.fields.slug;
  return localeCodes.flatMap((locale) => {
    const slug = localizedValue(slugField, fallbackChain(space.locales, locale));
    return typeof slug === 'string'
      ? [{ locale, lang: siteLocale(locale).lang, path: pagePath(slug, locale) }]
      : [];
  });
}

/** Ids of every entry of one content type, in space order. */
export function entryIdsOfType(index: SpaceIndex, contentType: string): string[] {
  return [...index.entries.values()]
    .filter((entry) => entry.sys.contentType.sys.id === contentType)
    .map((entry) => entry.sys.id);
}

function spaceIssue(message: string): ContentIssue {
  return {
    contentType: 'space',
    entryId: 'locales',
    entryTitle: 'Locales',
    field: undefined,
    message,
    locales: [],
  };
}

export function checkLocales(space: SpaceExport): ContentIssue[] {
  const codes = new Set(space.locales.map((locale) => locale.code));
  return localeCodes
    .filter((code) => !codes.has(code))
    .map((code) =>
      spaceIssue(
        `the site publishes ${code}, but the space has no such locale; add it in Settings › Locales`,
      ),
    );
}

/** The space has no Site settings entry (said by the full build and by the draft preview alike). */
export const missingSettingsMessage =
  'create one Site settings entry: the site needs its name, colours and navigation';

export function checkSingleSettings(ids: string[]): ContentIssue[] {
  if (ids.length === 1) return [];
  const message =
    ids.length === 0
      ? missingSettingsMessage
      : `there are ${ids.length} Site settings entries (${ids.join(', ')}); keep exactly one`;
  return [
    {
      ...spaceIssue(message),
      contentType: 'siteSettings',
      entryId: ids.join(', ') || '-',
      entryTitle: 'Site settings',
    },
  ];
}

/** Two pages at one address in a locale, or a home page that is not the root in every locale. */
export function checkUniqueSlugs(index: SpaceIndex, space: SpaceExport, pageIds: string[]): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const locale of localeCodes) {
    const chain = fallbackChain(space.locales, locale);
    const bySlug = new Map<unknown, string[]>();
    for (const id of pageIds) {
      const slug = localizedValue(index.entries.get(id)?.fields.slug, chain);
      bySlug.set(slug, [...(bySlug.get(slug) ?? []), id]);
    }
    for (const [slug, ids] of bySlug) {
      if (typeof slug !== 'string' || ids.length < 2) continue;
      issues.push(
        slugIssue(
          ids,
          `pages with slug "${slug}"`,
          `${ids.length} pages share this slug; each page needs its own`,
          locale,
        ),
      );
    }
  }
  for (const id of pageIds) {
    const slugs = localeCodes.map((locale) =>
      localizedValue(index.entries.get(id)?.fields.slug, fallbackChain(space.locales, locale)),
    );
    if (slugs.includes(homeSlug) && slugs.some((slug) => slug !== homeSlug)) {
      issues.push(
        slugIssue(
          [id],
          'the home page',
          `the home page is the site root in every locale: keep its slug "${homeSlug}" in all of them`,
        ),
      );
    }
  }
  return issues;
}

function slugIssue(ids: string[], entryTitle: string, message: string, locale?: LocaleCode): ContentIssue {
  return {
    contentType: 'landingPage',
    entryId: ids.join(', '),
    entryTitle,
    field: 'slug',
    message,
    locales: locale ? [locale] : [],
  };
}
