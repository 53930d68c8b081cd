import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { NetlifyDev } from '@netlify/dev';
import { securityHeaders } from '../../src/lib/http/security-headers.ts';
import type { ServedBy } from './local-routing.ts';
import type { PrettyUrls } from './local-pretty-urls.ts';
import { requestUrl } from './request-url.ts';

/** Netlify's CDN answers an unmatched path with the site's 404.html, statically. */
export function staticNotFound(
  notFoundPage: Buffer,
  request: IncomingMessage,
  response: ServerResponse,
): ServedBy {
  response.writeHead(404, {
    ...securityHeaders({ loads: 'site-assets' }),
    'content-type': 'text/html; charset=utf-8',
    'x-floodgate-served-by': 'static-404',
  });
  response.end(request.method === 'HEAD' ? undefined : notFoundPage);
  return 'static-404';
}

/** A request for the CDN's part (files, headers, redirects), answered by NetlifyDev. */
export async function answerStatically(
  netlify: NetlifyDev,
  notFoundPage: Buffer,
  request: IncomingMessage,
  response: ServerResponse,
  /** Netlify's pretty-URL redirect and 404-rule status, which NetlifyDev lacks. */
  pretty?: PrettyUrls,
): Promise<ServedBy> {
  const url = requestUrl(request);
  const read = request.method === 'GET' || request.method === 'HEAD';
  const moved = read && url ? pretty?.slashRedirect(url) : undefined;
  if (moved) {
    response.writeHead(301, {
      ...securityHeaders(),
      location: moved,
      'x-floodgate-served-by': 'pretty-url',
    });
    response.end();
    return 'pretty-url';
  }
  const result = await netlify.handleAndIntrospectNodeRequest(request);
  if (!result) return staticNotFound(notFoundPage, request, response);
  const { response: netlifyResponse } = result;
  // The locale's 404 page, as Netlify's CDN sends it for a `… 404` rule: with status 404.
  const notFound =
    result.type === 'redirect' && netlifyResponse.status === 200 && url && pretty?.isNotFoundRewrite(url);
  const status = notFound ? 404 : netlifyResponse.status;
  const type = notFound ? 'static-404' : result.type;
  const headers = Object.fromEntries(netlifyResponse.headers);
  // Static files carry netlify.toml's headers; an error NetlifyDev makes itself (a redirect rule's
  // "Not found") carries none, where Netlify's CDN would send its headers: fill in the missing ones.
  const fallback = netlifyResponse.status >= 400 ? lowerCaseKeys(securityHeaders()) : {};
  response.writeHead(status, { ...fallback, ...headers, 'x-floodgate-served-by': type });
  if (netlifyResponse.body && request.method !== 'HEAD') {
    Readable.fromWeb(netlifyResponse.body as NodeReadableStream).pipe(response);
  } else {
    response.end();
  }
  return type;
}

const lowerCaseKeys = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
