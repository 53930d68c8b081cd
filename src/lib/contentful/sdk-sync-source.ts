import type { ContentfulClientApi } from 'contentful';
import { SyncPageSchema } from '../../schemas/contentful-sync.ts';
import { isKnownContentType } from '../../schemas/content-types.ts';
import { ContentTypeSchema, SpaceLocaleSchema, type ContentType } from '../../schemas/space-export.ts';
import {
  callContentful,
  ContentfulApiError,
  failureDetail,
  type ApiContext,
} from './contentful-api-error.ts';
import { SyncTokenRejectedError, type SyncSource } from './sync-source.ts';

/** Items per initial sync page; the Sync API's maximum, so a first build makes the fewest requests. */
const initialPageSize = 1000;

/**
 * `SyncSource` on the `contentful` SDK. Items stay in the Sync API's raw all-locales shape (no link
 * resolution), which is the shape of a space export, and are parsed at this boundary.
 */
export function createSdkSyncSource(client: ContentfulClientApi<undefined>, context: ApiContext): SyncSource {
  const raw = client.withoutLinkResolution;
  const call = <T>(request: () => Promise<T>) => callContentful(context, request);
  return {
    locales: async () => {
      const { items } = await call(() => client.getLocales());
      return items.map((locale) => SpaceLocaleSchema.parse(locale));
    },
    contentTypes: async () => {
      // One page of up to 100 (the SDK's typing offers no limit); more than 100 is reported, not cut off.
      const { items, total } = await call(() => client.getContentTypes());
      if (total > items.length)
        throw new Error(
          `The Contentful environment has ${total} content types; the loader reads at most 100`,
        );
      // Content types the site does not render are left out; entries of those types then fail
      // the build only if a page links to one.
      return items.filter((contentType) => isKnownContentType(contentType.sys.id)).map(parseContentType);
    },
    publishedTotal: async () => {
      const [entries, assets] = await Promise.all([
        call(() => raw.getEntries({ limit: 0 })),
        call(() => raw.getAssets({ limit: 0 })),
      ]);
      return entries.total + assets.total;
    },
    page: async (cursor) => {
      let response: unknown;
      try {
        response =
          'initial' in cursor
            ? await raw.sync({ initial: true, limit: initialPageSize }, { paginate: false })
            : await raw.sync({ nextSyncToken: cursor.token }, { paginate: false });
      } catch (error) {
        const detail = failureDetail(error);
        // An expired or unknown token is a 400 BadRequest (404 for a reset environment).
        if ('token' in cursor && (detail.status === 400 || detail.status === 404 || detail.status === 410))
          throw new SyncTokenRejectedError([detail.status, detail.id].filter(Boolean).join(' '));
        throw new ContentfulApiError(detail, context);
      }
      return SyncPageSchema.parse(response);
    },
  };
}

function parseContentType(raw: unknown): ContentType {
  const parsed = ContentTypeSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const id = (raw as { sys?: { id?: string } }).sys?.id;
  const issue = parsed.error.issues[0];
  throw new Error(
    `Contentful content type "${id}" does not fit the site's content model at ${issue?.path.join('.')}: ${issue?.message}. Run npm run cms:model to put the model back.`,
  );
}
