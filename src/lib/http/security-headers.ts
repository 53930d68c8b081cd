/**
 * Security headers for responses our code makes: function answers and the on-demand preview.
 * Netlify applies `netlify.toml`'s `[[headers]]` to static files only, never to function
 * responses (https://docs.netlify.com/routing/headers/), so these are set in code.
 */
export interface SecurityHeaderOptions {
  /**
   * Origins allowed to show the response in a frame (Contentful's live preview embeds the draft
   * preview). None by default: every other response refuses framing outright.
   */
  frameAncestors?: readonly string[];
  /**
   * What the response may load: `site-assets` for a page of the site (its stylesheets, scripts,
   * images and form posts, as the static pages); `nothing` (the default) for JSON, text and the
   * self-contained no-JavaScript error page, which load no script, style or image at all.
   */
  loads?: 'site-assets' | 'nothing';
}

/** The policy of the static site's pages (kept equal to `netlify.toml`'s, which a test checks). */
export function sitePageCsp(frameAncestors: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https://images.ctfassets.net",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
    "base-uri 'self'",
    "object-src 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/** For a response that needs nothing: JSON, text, an empty body, the self-contained error page. */
const nothingCsp = (frameAncestors: string) =>
  `default-src 'none'; frame-ancestors ${frameAncestors}; base-uri 'none'; form-action 'none'`;

/** Two years, subdomains, preload: as `netlify.toml` sends for the static pages. */
const hsts = 'max-age=63072000; includeSubDomains; preload';

/**
 * The headers a response should carry: a CSP allowing what it loads (see `loads`), nosniff, frame
 * protection, HSTS, a referrer policy and `Cache-Control: no-store` (function answers are about
 * one visitor's request).
 */
export function securityHeaders(options: SecurityHeaderOptions = {}): Record<string, string> {
  const framers = options.frameAncestors?.length ? options.frameAncestors.join(' ') : "'none'";
  const sitePage = options.loads === 'site-assets';
  return {
    'Content-Security-Policy': sitePage ? sitePageCsp(framers) : nothingCsp(framers),
    'X-Content-Type-Options': 'nosniff',
    // X-Frame-Options cannot name an origin; where a framer is allowed, frame-ancestors decides.
    ...(options.frameAncestors?.length ? {} : { 'X-Frame-Options': 'DENY' }),
    'Strict-Transport-Security': hsts,
    'Referrer-Policy': sitePage ? 'strict-origin-when-cross-origin' : 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/**
 * `response` with the security headers it lacks: one the handler set on purpose (the preview's
 * `Referrer-Policy: no-referrer`, a 503's `Cache-Control`) is kept. Added in place to a response the
 * handler made (copying headers and body into a new Response cost every lead post a few percent of
 * its CPU, issue 20); a copy only where the headers are immutable (`Response.redirect`, a fetched
 * response), which the first `set` tells with a TypeError before anything is changed.
 */
export function withSecurityHeaders(response: Response, options: SecurityHeaderOptions = {}): Response {
  return withHeaderEntries(response, Object.entries(securityHeaders(options)));
}

function withHeaderEntries(response: Response, entries: readonly [string, string][]): Response {
  const missing = entries.filter(([name]) => !response.headers.has(name));
  try {
    for (const [name, value] of missing) response.headers.set(name, value);
    return response;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  const headers = new Headers(response.headers);
  for (const [name, value] of missing) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Wrap a function handler so every answer it gives carries the security headers. An HTML answer
 * (the no-JS error page) is a page of the site: its stylesheet loads and its form posts again.
 */
export const secureHandler = <Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response> | Response,
  options: SecurityHeaderOptions = {},
) => {
  // Both sets are fixed for the wrapper's life: built once, not per answer (issue 20).
  const forPage = Object.entries(securityHeaders({ loads: 'site-assets', ...options }));
  const forData = Object.entries(securityHeaders({ loads: 'nothing', ...options }));
  return async (...args: Args): Promise<Response> => {
    const response = await handler(...args);
    const html = /^\s*text\/html\b/i.test(response.headers.get('content-type') ?? '');
    return withHeaderEntries(response, html ? forPage : forData);
  };
};
