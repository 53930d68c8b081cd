import type { IncomingMessage } from 'node:http';

// A host name, an IPv4 address or a bracketed IPv6 address, and an optional port: nothing else
// (no user info, path, spaces or control characters) may stand in a Host header.
const validHost =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

// `/` then no second slash or backslash (either would name another authority), no `#`, and not
// ending in a bare `?` (the resolution below drops it).
const plainTarget = /^\/(?![/\\])[^\\#]*(?<!\?)$/;

/**
 * The URL a request names, as Netlify's runtime gives it to a function (built from Host), or
 * undefined when the Host header is malformed, which Netlify's edge answers with 400 before any
 * function runs. An HTTP/1.0 request may omit Host; then the server's own address stands in.
 */
export function requestUrl(request: Pick<IncomingMessage, 'headers' | 'url' | 'socket'>): URL | undefined {
  const host =
    request.headers.host ?? `${request.socket.localAddress ?? '127.0.0.1'}:${request.socket.localPort ?? 80}`;
  if (!validHost.test(host)) return undefined;
  const target = request.url ?? '/';
  try {
    // A plain origin-form target (every browser's request) joined to the host parses to the same
    // URL as the resolution below, in one parse instead of three (issue 20: per-request work).
    if (plainTarget.test(target)) return new URL(`http://${host}${target}`);
    const url = new URL(`http://${host}`);
    // Only the path and query of the request target count, even in absolute form (`GET http://x/y`).
    const resolved = new URL(target, url);
    return new URL(`${resolved.pathname}${resolved.search}`, url);
  } catch {
    return undefined;
  }
}

/**
 * A path as Netlify matches it against function routes: one trailing slash dropped and lower case
 * (as `@netlify/functions-dev`'s `matchURLPath`, the local twin of the platform's router, does),
 * so `/api/leads/` and `/API/LEADS` reach the function declared on `/api/leads`.
 */
export const routingPath = (pathname: string): string =>
  (pathname !== '/' && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname).toLowerCase();

/** Whether `pathname` holds a `%` escape that does not decode to UTF-8 (`/%ZZ`, `/%E0%A4%A`). */
export function hasMalformedPercentEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
