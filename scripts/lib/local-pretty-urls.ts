import { statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Two things Netlify's CDN does that NetlifyDev does not (measured against `dist/` with
 * @netlify/dev 5.1.3), so the local server does them before and after NetlifyDev answers:
 *
 * - Pretty URLs: a path without its trailing slash whose directory holds an `index.html`
 *   (`/winter-sale` for `dist/winter-sale/index.html`) is a 301 to the slash form, the site's
 *   canonical URL (`trailingSlash: 'always'`); NetlifyDev serves the page under both.
 * - A `_redirects` rule with status 404 (`/de/*  /de/404/  404`) answers its page with status
 *   404 where no file matches; NetlifyDev's `@netlify/redirects` serves the page but keeps the
 *   file's 200 (`RedirectsHandler.handle`: only a forced 404 uses the status).
 */
export interface PrettyUrls {
  /** Where a slash-less path to a directory page moves (path and query), if it does. */
  slashRedirect(url: URL): string | undefined;
  /** Whether `url` is answered by a 404 rule: no file of its own and a `… 404` rule matches it. */
  isNotFoundRewrite(url: URL): boolean;
}

/** Paths of the `from` side of the `_redirects` lines whose status is 404 (`from to 404`). */
export function notFoundRulePaths(redirects: string): string[] {
  return redirects
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([from, , status]) => from?.startsWith('/') && status === '404')
    .map(([from]) => from);
}

/** Netlify matches a rule with or without the trailing slash; `/*` is a splat over the rest. */
export function ruleMatches(from: string, pathname: string): boolean {
  const bare = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);
  if (from.endsWith('/*')) {
    const prefix = from.slice(0, -2);
    return pathname === prefix || pathname.startsWith(`${prefix}/`);
  }
  return bare(from) === bare(pathname);
}

/** Pretty URLs over the publish directory `root`, with the site's `_redirects` text. */
export function prettyUrls(root: string, redirects: string, isFileAt = fileExists): PrettyUrls {
  const notFoundRules = notFoundRulePaths(redirects);
  const decoded = (url: URL) => decodeURIComponent(url.pathname);
  // `%2e%2e` decodes to `..`: nothing outside the publish directory is looked at.
  const inRoot = (path: string) => !relative(root, join(root, path)).startsWith('..');
  const isFile = (path: string) => inRoot(path) && isFileAt(join(root, path));
  return {
    slashRedirect(url) {
      const path = decoded(url);
      if (path.endsWith('/') || isFile(path)) return undefined;
      return isFile(join(path, 'index.html')) ? `${url.pathname}/${url.search}` : undefined;
    },
    isNotFoundRewrite(url) {
      const path = decoded(url);
      if (isFile(path) || isFile(join(path, 'index.html'))) return false;
      return notFoundRules.some((from) => ruleMatches(from, path));
    },
  };
}

function fileExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
