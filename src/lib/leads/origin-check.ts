/** Which origins may post leads. */
export interface OriginPolicy {
  /** The site's public URL (`SITE_URL` or Netlify's `URL`). */
  siteUrl: string;
  /** Further origins allowed to post (`LEADS_ALLOWED_ORIGINS`, Netlify's deploy URLs). */
  allowedOrigins: readonly string[];
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

const originOf = (url: string | null): string | undefined => {
  if (!url) return undefined;
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
};

/**
 * Whether a post comes from a page we serve. Browsers send `Origin` on every POST; `Referer` is
 * the fallback for old ones. A post with neither is a script, not a visitor, and is refused: the
 * form lives on our own pages, so cross-site posts (CSRF, lead stuffing from elsewhere) have no
 * legitimate use. Deploy previews are allowed through their configured URLs (Netlify's
 * `DEPLOY_URL`), never through the request's own URL: that comes from the Host header.
 */
export function isAllowedOrigin(request: Request, policy: OriginPolicy): boolean {
  const origin = originOf(request.headers.get('origin')) ?? originOf(request.headers.get('referer'));
  if (!origin) return false;
  const site = new URL(policy.siteUrl);
  if (origin === site.origin) return true;
  if (policy.allowedOrigins.includes(origin)) return true;
  // Local development runs on whatever port is free, so any loopback origin may post to a loopback site.
  return loopbackHosts.has(site.hostname) && loopbackHosts.has(new URL(origin).hostname);
}
