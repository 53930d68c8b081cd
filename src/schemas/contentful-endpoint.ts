/** Where a Contentful API is reached: host (with port), scheme and path prefix, as the SDK takes them. */
export interface ContentfulEndpoint {
  host: string;
  insecure: boolean;
  basePath: string;
}

// IPv6 literals are left out: the SDK's host pattern cannot carry them.
const loopbackHosts = new Set(['127.0.0.1', 'localhost']);

/**
 * Read a host override: `cdn.eu.contentful.com`, `host:port`, or a full URL such as
 * `http://127.0.0.1:4010/cda` (a local fake API). Plain http is refused for anything but loopback,
 * so an access token never crosses a network unencrypted. Returns a message when the value is unusable.
 */
export function parseEndpoint(value: string): ContentfulEndpoint | { error: string } {
  const withScheme = /^[a-z]+:\/\//i.test(value) ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: `"${value}" is not a host name or URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { error: `use https:// (got ${url.protocol}//)` };
  if (url.protocol === 'http:' && !loopbackHosts.has(url.hostname))
    return { error: 'plain http is only allowed for a local fake API on 127.0.0.1 or localhost' };
  if (url.search || url.hash || url.username) return { error: 'give only a host and an optional path' };
  return {
    host: url.host,
    insecure: url.protocol === 'http:',
    basePath: url.pathname.replace(/\/+$/, ''),
  };
}

/** The public Content Delivery and Content Preview API hosts. */
export const defaultEndpoints = {
  delivery: { host: 'cdn.contentful.com', insecure: false, basePath: '' },
  preview: { host: 'preview.contentful.com', insecure: false, basePath: '' },
} satisfies Record<string, ContentfulEndpoint>;

/** The endpoint as a URL prefix, for messages and for telling two configurations apart. */
export const endpointLabel = (endpoint: ContentfulEndpoint): string =>
  `${endpoint.insecure ? 'http' : 'https'}://${endpoint.host}${endpoint.basePath}`;
