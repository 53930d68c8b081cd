import type { ContentfulClientApi } from 'contentful';
import { isKnownContentType } from '../../schemas/content-types.ts';
import {
  ContentTypeSchema,
  SpaceAssetSchema,
  SpaceEntrySchema,
  SpaceLocaleSchema,
  type SpaceExport,
} from '../../schemas/space-export.ts';
import { callContentful, type ApiContext } from './contentful-api-error.ts';

/** How deep links are followed: page › section › item › asset, with room for nested references. */
const includeDepth = 10;

/** What the preview needs: the page (by slug) and the site settings, each with everything they link to. */
export interface PreviewSpace {
  space: SpaceExport;
  pageId: string | undefined;
}

/**
 * Read one landing page and the site settings from the Content Preview API (drafts included), in
 * all locales and with raw links, as a small space export the normal mapping can resolve. Four
 * requests, in parallel, whatever the size of the space.
 */
export async function fetchPreviewSpace(
  client: ContentfulClientApi<undefined>,
  context: ApiContext,
  slug: string,
): Promise<PreviewSpace> {
  const raw = client.withAllLocales.withoutLinkResolution;
  const call = <T>(request: () => Promise<T>) => callContentful(context, request);
  const [locales, contentTypes, pages, settings] = await Promise.all([
    call(() => client.getLocales()),
    call(() => client.getContentTypes()),
    call(() =>
      raw.getEntries({ content_type: 'landingPage', 'fields.slug': slug, include: includeDepth, limit: 1 }),
    ),
    call(() => raw.getEntries({ content_type: 'siteSettings', include: includeDepth, limit: 1 })),
  ]);
  const entries = new Map<string, unknown>();
  const assets = new Map<string, unknown>();
  for (const response of [pages, settings]) {
    for (const entry of [...response.items, ...(response.includes?.Entry ?? [])])
      entries.set(entry.sys.id, entry);
    for (const asset of response.includes?.Asset ?? []) assets.set(asset.sys.id, asset);
  }
  return {
    pageId: pages.items[0]?.sys.id,
    space: {
      locales: locales.items.map((locale) => SpaceLocaleSchema.parse(locale)),
      contentTypes: contentTypes.items
        .filter((contentType) => isKnownContentType(contentType.sys.id))
        .map((contentType) => ContentTypeSchema.parse(contentType)),
      entries: [...entries.values()].map((entry) => SpaceEntrySchema.parse(entry)),
      assets: [...assets.values()].map((asset) => SpaceAssetSchema.parse(asset)),
    },
  };
}
