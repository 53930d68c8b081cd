import type { Redirect } from '../../schemas/redirect.ts';
import type { SpaceExport } from '../../schemas/space-export.ts';
import { localeCodes, type LocaleCode } from '../../schemas/locales.ts';
import { mergeIssuesAcrossLocales, type ContentIssue } from './content-issue.ts';
import type { ContentProblem } from './content-report.ts';
import { EntryResolver } from './entry-resolver.ts';
import { fallbackChain, localizedValue } from './localize.ts';
import { entryIdsOfType } from './site-structure.ts';
import type { SpaceIndex } from './space-index.ts';

/** Every redirect entry, validated (redirects are not translated: the default locale holds them). */
export function mapRedirects(index: SpaceIndex): { redirects: Redirect[]; issues: ContentIssue[] } {
  const resolver = new EntryResolver(index, index.defaultLocale, index.defaultChain);
  const redirects = entryIdsOfType(index, 'redirect').flatMap((id) => {
    const redirect = resolver.resolveRoot(id) as Redirect | undefined;
    return redirect ? [redirect] : [];
  });
  return { redirects, issues: mergeIssuesAcrossLocales(resolver.issues) };
}

/** A broken redirect entry is left out, like any broken entry. */
export function redirectEntryProblems(issues: readonly ContentIssue[]): ContentProblem[] {
  return issues.map((issue) => ({
    severity: 'error',
    contentType: issue.contentType,
    entryId: issue.entryId,
    entryName: issue.entryTitle,
    field: issue.field,
    locales: [],
    message: issue.message,
    pages: [],
    instead: 'the redirect is left out: the address answers as if it did not exist',
  }));
}

/** Every page's slug in every locale (fallbacks applied), by page id. */
export function pageSlugsByLocale(
  index: SpaceIndex,
  space: Pick<SpaceExport, 'locales'>,
): Map<string, Map<LocaleCode, string>> {
  return new Map(
    entryIdsOfType(index, 'landingPage').map((id) => [
      id,
      new Map(
        localeCodes.flatMap((locale) => {
          const slug = localizedValue(
            index.entries.get(id)?.fields.slug,
            fallbackChain(space.locales, locale),
          );
          return typeof slug === 'string' ? [[locale, slug] as const] : [];
        }),
      ),
    ]),
  );
}
