import { contentfulAppOrigins } from '../contentful/live-preview-origins.ts';
import { withSecurityHeaders } from './security-headers.ts';

/** Whether `pathname` is the draft preview (`/preview`, `/preview/…`). */
export const isPreviewPath = (pathname: string): boolean => /^\/preview(\/|$)/.test(pathname);

/**
 * Security headers for a page rendered on demand (the SSR function; static pages get theirs from
 * `netlify.toml`): the draft preview may be framed by Contentful's app, nothing else by anyone.
 */
export function onDemandResponse(
  response: Response,
  pathname: string,
  previewFramers: readonly string[] = contentfulAppOrigins,
): Response {
  const frameAncestors = isPreviewPath(pathname) ? previewFramers : [];
  const html = /^\s*text\/html\b/i.test(response.headers.get('content-type') ?? '');
  return withSecurityHeaders(response, { frameAncestors, loads: html ? 'site-assets' : 'nothing' });
}
