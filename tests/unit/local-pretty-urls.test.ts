import { describe, expect, it } from 'vitest';
import { notFoundRulePaths, prettyUrls, ruleMatches } from '../../scripts/lib/local-pretty-urls.ts';

const files = new Set([
  '/site/index.html',
  '/site/winter-sale/index.html',
  '/site/favicon.svg',
  '/site/de/404/index.html',
]);
const site = prettyUrls(
  '/site',
  '/index.html  /  301!\n/de/winter-sale/  /de/winteraktion/  301\n/de/*  /de/404/  404\n',
  (path) => files.has(path),
);
const url = (path: string) => new URL(path, 'http://127.0.0.1');

describe('the local server’s pretty URLs (what Netlify’s CDN does and NetlifyDev does not)', () => {
  it('moves a slash-less directory page to its slash form, keeping the query', () => {
    expect(site.slashRedirect(url('/winter-sale'))).toBe('/winter-sale/');
    expect(site.slashRedirect(url('/winter-sale?utm_source=ad'))).toBe('/winter-sale/?utm_source=ad');
    expect(site.slashRedirect(url('/winter-sale/'))).toBeUndefined();
    expect(site.slashRedirect(url('/favicon.svg'))).toBeUndefined();
    expect(site.slashRedirect(url('/no-such-page'))).toBeUndefined();
    expect(site.slashRedirect(url('/%2e%2e/site/winter-sale'))).toBeUndefined();
  });

  it('knows a path answered by a 404 rule from one with a file of its own', () => {
    expect(site.isNotFoundRewrite(url('/de/nope/'))).toBe(true);
    expect(site.isNotFoundRewrite(url('/de/nope'))).toBe(true);
    expect(site.isNotFoundRewrite(url('/de/404/'))).toBe(false);
    expect(site.isNotFoundRewrite(url('/nope/'))).toBe(false);
  });

  it('reads only the 404 lines of _redirects, and matches them as Netlify does', () => {
    expect(notFoundRulePaths('/a  /b  301\n# comment\n/de/*  /de/404/  404\n\n')).toEqual(['/de/*']);
    expect(ruleMatches('/de/*', '/de')).toBe(true);
    expect(ruleMatches('/de/*', '/de/x/y')).toBe(true);
    expect(ruleMatches('/de/*', '/dex')).toBe(false);
    expect(ruleMatches('/old/', '/old')).toBe(true);
  });
});
