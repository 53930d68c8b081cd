import type { ContentfulClientApi } from 'contentful';
import { formatContentIssue } from '../content/content-issue.ts';
import { mapPage } from '../content/map-page.ts';
import type { LocalizedPage } from '../content/map-space.ts';
import type { ContentfulConfig, ContentSource } from '../../schemas/contentful-env.ts';
import type { SiteSettings } from '../../schemas/site-settings.ts';
import { apiContext, createCdaClient } from './cda-client.ts';
import { ContentfulApiError } from './contentful-api-error.ts';
import { fetchPreviewSpace, type PreviewSpace } from './preview-space.ts';
import { previewFramerOrigins } from './live-preview-origins.ts';
import { isPreviewSecret } from './preview-secret.ts';
import { previewTarget } from './preview-target.ts';

/** What the page's Live Preview script needs (`ContentfulLivePreview.init`). */
export interface LivePreviewConfig {
  locale: string;
  space: string;
  environment: string;
  /** Where the SDK may post messages: the origins allowed to frame the preview. */
  targetOrigin: string[];
}

export type PreviewOutcome =
  | {
      kind: 'page';
      localized: LocalizedPage;
      settings: SiteSettings;
      warnings: string[];
      livePreview: LivePreviewConfig;
    }
  | { kind: 'answer'; status: number; text: string };

/** Headers on every preview response: never stored by a cache, never indexed, never leaked as a referrer. */
export const previewHeaders = {
  'Cache-Control': 'private, no-store, max-age=0',
  'Netlify-CDN-Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
  'Referrer-Policy': 'no-referrer',
} as const;

/**
 * The preview's framing policy: Contentful's app (and configured loopback origins) may show it in
 * Live Preview's iframe. Only preview responses carry this; the site keeps `frame-ancestors 'none'`.
 */
export function previewFramers(source: ContentSource | Error): string[] {
  const extra = source instanceof Error || source.kind === 'embedded' ? [] : source.previewFrameOrigins;
  return previewFramerOrigins(extra);
}

export interface PreviewRequest {
  /** The content source from the environment, or why the environment could not be read. */
  source: ContentSource | Error;
  url: URL;
  /** The route's rest parameter: `winter-sale`, `de/winter-sale`, or undefined for home. */
  path: string | undefined;
  /** Replaceable for tests; the real Preview API client by default. */
  client?: (config: ContentfulConfig) => ContentfulClientApi<undefined>;
  log?: (message: string) => void;
}

const answer = (status: number, text: string): PreviewOutcome => ({ kind: 'answer', status, text });

/**
 * Decide what a draft preview request gets: the page as it would look if published now, or a
 * plain answer saying why not. The secret is checked before anything reaches Contentful.
 */
export async function previewPage(request: PreviewRequest): Promise<PreviewOutcome> {
  const log = request.log ?? ((message: string) => console.error(message));
  if (request.source instanceof Error) {
    log(request.source.message);
    return answer(503, 'Draft preview is misconfigured; the site operator can see why in the function log.');
  }
  if (request.source.kind === 'embedded')
    return answer(
      404,
      'Draft preview is not configured: this site builds from its embedded content. Set the CONTENTFUL_* variables (see docs/contentful.md).',
    );
  const config = request.source;
  if (!isPreviewSecret(request.url.searchParams.get('secret'), config.previewSecret))
    return answer(401, 'Draft preview needs the secret: open it from Contentful’s “Open preview” button.');
  const target = previewTarget(request.path, request.url.searchParams.get('locale'));
  if (!target) return answer(404, 'There is no page at this address.');

  const client = (request.client ?? ((used) => createCdaClient(used, 'preview', { retryLimit: 2 })))(config);
  let fetched: PreviewSpace;
  try {
    fetched = await fetchPreviewSpace(client, apiContext(config, 'preview'), target.slug);
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    const status = error instanceof ContentfulApiError && error.status === 429 ? 503 : 502;
    return answer(status, 'Contentful’s Preview API did not answer as expected; try again in a moment.');
  }
  if (fetched.pageId === undefined)
    return answer(
      404,
      `No landing page has the slug "${target.slug}" in Contentful, as a draft or published.`,
    );
  const mapped = mapPage(fetched.space, fetched.pageId, target.locale);
  if (!mapped.ok)
    return answer(
      422,
      [
        'This draft cannot be published as it is. Fix these in Contentful, then reload:',
        ...mapped.issues.map((issue) => `  - ${formatContentIssue(issue)}`),
      ].join('\n'),
    );
  const { localized, settings, warnings } = mapped;
  const livePreview = {
    locale: target.locale,
    space: config.spaceId,
    environment: config.environment,
    targetOrigin: previewFramerOrigins(config.previewFrameOrigins),
  };
  return { kind: 'page', localized, settings, warnings, livePreview };
}
