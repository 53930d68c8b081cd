/**
 * Origins allowed to frame the draft preview: Contentful's web app, where Live Preview shows the
 * page beside the entry editor (https://www.contentful.com/developers/docs/tutorials/general/live-preview/).
 * Only preview responses allow framing at all; every other page keeps `frame-ancestors 'none'`.
 * The same list is the Live Preview SDK's `targetOrigin`: it posts messages to these origins only.
 */
export const contentfulAppOrigins = ['https://app.contentful.com', 'https://app.eu.contentful.com'] as const;

/** Every origin that may frame the preview: Contentful's app plus any configured (loopback, for tests). */
export function previewFramerOrigins(extra: readonly string[] = []): string[] {
  return [...new Set([...contentfulAppOrigins, ...extra])];
}

/** The preview's Content-Security-Policy directive allowing exactly those framers. */
export function previewFrameAncestors(origins: readonly string[]): string {
  return origins.length === 0 ? "frame-ancestors 'none'" : `frame-ancestors ${origins.join(' ')}`;
}
