import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from '../../src/lib/http/security-headers.ts';
import { hasMalformedPercentEncoding, requestUrl, routingPath } from './request-url.ts';
import { invokeWarmFunction, matchWarmFunction, type WarmFunction } from './warm-functions.ts';

/** Methods a site on Netlify answers; TRACE, CONNECT and the like are refused before any routing. */
const servedMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** How a request was answered, for the `x-floodgate-served-by` header and the request log. */
export type ServedBy = 'function' | 'refused' | 'static-404' | (string & {});

/** What the router hands requests to: the warm functions, then everything else (static files). */
export interface LocalRoutes {
  functions: readonly WarmFunction[];
  /** The server's own origin: what functions see in their request URL, whatever Host says. */
  origin?: string;
  /** Static files, headers and redirects (Netlify's own emulation in the local server). */
  other(request: IncomingMessage, response: ServerResponse): Promise<ServedBy>;
  notFound(request: IncomingMessage, response: ServerResponse): ServedBy;
  onBackgroundError?: (error: unknown) => void;
}

/** A plain-text refusal, with the security headers every answer carries. */
export const refuse = (response: ServerResponse, status: number, text: string, headers = {}): ServedBy => {
  response.writeHead(status, {
    ...securityHeaders(),
    'content-type': 'text/plain; charset=utf-8',
    connection: 'close',
    ...headers,
  });
  response.end(text);
  return 'refused';
};

/**
 * Route one request as Netlify does: a bad method, Host or path is refused (405, 400) before anything
 * runs; a path a function declares (trailing slash and case aside) goes to its warm instance;
 * `/.netlify/functions/…` of anything else is a 404 (scheduled functions are not served over HTTP
 * in production), so no request ever falls through to a cold per-request function start.
 */
export async function routeLocally(
  request: IncomingMessage,
  response: ServerResponse,
  routes: LocalRoutes,
): Promise<ServedBy> {
  if (!servedMethods.has(request.method ?? '')) {
    return refuse(response, 405, 'Method not allowed', { allow: [...servedMethods].join(', ') });
  }
  const url = requestUrl(request);
  if (!url) return refuse(response, 400, 'Bad request: malformed Host header');
  // Netlify's edge answers a path that does not decode with 400. Locally it would reach
  // @netlify/redirects, whose rewriter calls `decodeURIComponent(reqUrl.pathname)` unguarded
  // (netlify/primitives packages/redirects/src/lib/rewriter.ts) and throws a URIError: a 500.
  if (hasMalformedPercentEncoding(url.pathname))
    return refuse(response, 400, 'Bad request: the path has malformed percent-encoding');
  const warm = matchWarmFunction(routes.functions, url);
  if (warm) {
    const servedBy = { 'x-floodgate-served-by': 'function' };
    await invokeWarmFunction(warm, request, response, servedBy, {
      origin: routes.origin,
      onBackgroundError: routes.onBackgroundError,
      hostChecked: true,
    });
    return 'function';
  }
  if (routingPath(url.pathname).startsWith('/.netlify/functions/')) return routes.notFound(request, response);
  return routes.other(request, response);
}

/**
 * Node server options for the local server: a client gets `requestTimeoutMs` to send a whole
 * request, headers included, before a 408 and a closed connection (checked often enough that a
 * stalled request is cut off close to its deadline).
 */
export const localServerTimeouts = (requestTimeoutMs: number) => ({
  requestTimeout: requestTimeoutMs,
  headersTimeout: requestTimeoutMs,
  connectionsCheckingInterval: Math.min(1_000, Math.max(50, requestTimeoutMs / 5)),
});
