import type { Redirect } from '../../schemas/redirect.ts';
import { isLocaleCode, localeCodes, siteLocale, type LocaleCode } from '../../schemas/locales.ts';
import { pagePath } from '../i18n/paths.ts';
import type { ContentProblem } from './content-report.ts';
import type { LocalizedPage } from './localized-page.ts';

/** One line of Netlify's `_redirects`: `from to status[!]`. */
export interface RedirectRule {
  from: string;
  to: string;
  status: 301 | 302 | 404;
  /** Applies even where a file exists (Netlify's `!`): needed to send `/x/index.html` to `/x/`. */
  force: boolean;
}

export interface RedirectInput {
  /** The pages the build produced. */
  pages: readonly LocalizedPage[];
  /** Every page's slug in every locale, including locales it was not built in. */
  slugs: ReadonlyMap<string, ReadonlyMap<LocaleCode, string>>;
  /** Validated redirect entries. */
  redirects: readonly Redirect[];
  /** Slugs a page had before (from the sync history), by page id and locale. */
  previousSlugs?: ReadonlyMap<string, ReadonlyMap<LocaleCode, readonly string[]>>;
}

/** Netlify matches `/a` and `/a/` alike, so paths are compared without their trailing slash. */
const normal = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/**
 * The site's redirects, in the order Netlify tries them (first match wins): each page's
 * `/index.html` to its canonical address, the marketers' redirects, automatic ones for a slug typed
 * under another locale's prefix and for a page's former slugs, and last each locale's own 404 page.
 * A marketer's redirect that loops, chains or would hide a live page is left out and reported.
 */
export function siteRedirects(input: RedirectInput): { rules: RedirectRule[]; problems: ContentProblem[] } {
  const live = new Set(input.pages.map((page) => normal(page.path)));
  const claimed = new Set<string>();
  const rules: RedirectRule[] = [];
  const add = (rule: RedirectRule) => {
    claimed.add(normal(rule.from));
    rules.push(rule);
  };
  for (const { path } of input.pages) add({ from: `${path}index.html`, to: path, status: 301, force: true });

  const { accepted, problems } = checkRedirects(input.redirects, live);
  for (const redirect of accepted) add(redirect);
  for (const rule of automaticRedirects(input)) {
    if (
      !live.has(normal(rule.from)) &&
      !claimed.has(normal(rule.from)) &&
      normal(rule.from) !== normal(rule.to)
    )
      add(rule);
  }
  for (const locale of localeCodes) {
    const { prefix } = siteLocale(locale);
    if (prefix) rules.push({ from: `/${prefix}/*`, to: `/${prefix}/404/`, status: 404, force: false });
  }
  return { rules, problems };
}

/** The German slug under `/`, the English one under `/de/`, and a page's former slugs. */
function automaticRedirects(input: RedirectInput): RedirectRule[] {
  const rules: RedirectRule[] = [];
  for (const { page, locale, path } of input.pages) {
    const others = [...(input.slugs.get(page.id)?.values() ?? [])];
    const former = input.previousSlugs?.get(page.id)?.get(locale) ?? [];
    for (const slug of new Set([...others, ...former]))
      if (slug !== page.slug)
        rules.push({ from: pagePath(slug, locale), to: path, status: 301, force: false });
  }
  return rules;
}

const localized = (path: string, locale: string | undefined) =>
  locale && isLocaleCode(locale) && path.startsWith('/') && siteLocale(locale).prefix
    ? `/${siteLocale(locale).prefix}${path === '/' ? '/' : path}`
    : path;

/** Marketers' redirects that can be published, and a problem for each that cannot. */
function checkRedirects(
  redirects: readonly Redirect[],
  live: ReadonlySet<string>,
): { accepted: RedirectRule[]; problems: ContentProblem[] } {
  const rules = redirects.map((redirect) => ({
    redirect,
    from: localized(redirect.from, redirect.locale),
    to: localized(redirect.to, redirect.locale),
  }));
  const sources = new Map<string, string>();
  for (const rule of rules)
    if (!sources.has(normal(rule.from))) sources.set(normal(rule.from), rule.redirect.id);
  const accepted: RedirectRule[] = [];
  const problems: ContentProblem[] = [];
  for (const { redirect, from, to } of rules) {
    const why = whyLeftOut(redirect, from, to, live, sources);
    if (why) problems.push(redirectProblem(redirect, from, why));
    else accepted.push({ from, to, status: redirect.status, force: false });
  }
  return { accepted, problems };
}

function whyLeftOut(
  redirect: Redirect,
  from: string,
  to: string,
  live: ReadonlySet<string>,
  sources: ReadonlyMap<string, string>,
): { field: string; message: string } | undefined {
  if (redirect.locale && !isLocaleCode(redirect.locale))
    return { field: 'locale', message: `the site has no locale ${redirect.locale}` };
  if (normal(from) === normal(to)) return { field: 'to', message: 'it sends the address to itself (a loop)' };
  if (live.has(normal(from)))
    return {
      field: 'from',
      message: `${from} is a live page, which this redirect would hide: unpublish the page first or redirect another address`,
    };
  if (sources.get(normal(from)) !== redirect.id)
    return { field: 'from', message: `another redirect already sends ${from} elsewhere; keep one` };
  if (to.startsWith('/') && sources.has(normal(to)))
    return {
      field: 'to',
      message: `${to} is itself redirected (a chain, or a loop): point this redirect at the final address`,
    };
  if (to.startsWith('/') && !/\.[a-z0-9]+$/i.test(to) && !live.has(normal(to)))
    return { field: 'to', message: `${to} is no published page: visitors would land on the 404 page` };
  return undefined;
}

function redirectProblem(
  redirect: Redirect,
  from: string,
  why: { field: string; message: string },
): ContentProblem {
  return {
    severity: 'error',
    contentType: 'redirect',
    entryId: redirect.id,
    entryName: redirect.from,
    field: why.field,
    locales: redirect.locale ? [redirect.locale] : [],
    message: why.message,
    pages: [from],
    instead: 'the redirect is left out: the address answers as if it did not exist',
  };
}

/** Netlify's `_redirects` file for these rules. */
export function redirectsFile(rules: readonly RedirectRule[]): string {
  return (
    rules.map((rule) => `${rule.from}  ${rule.to}  ${rule.status}${rule.force ? '!' : ''}`).join('\n') + '\n'
  );
}
