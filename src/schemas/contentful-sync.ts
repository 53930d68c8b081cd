import { z } from 'zod';
import { SpaceAssetSchema, SpaceEntrySchema } from './space-export.ts';

/**
 * What the Contentful loader keeps in Astro's content layer store between builds: the Sync API
 * token and every published entry and asset as of that token, in the Sync API's all-locales shape.
 * It is read back from a build cache that may have been written by an older deploy, so it is
 * parsed like any other outside input; anything unexpected means a full sync.
 */
export const SyncStateSchema = z.object({
  version: z.literal(1),
  /** Space, environment and API host the state came from; a different one starts over. */
  source: z.string(),
  /** The `sync_token` of the last `nextSyncUrl`. */
  token: z.string().min(1),
  syncedAt: z.iso.datetime(),
  /** Kept as arrays, in the order Contentful sent them, so the site's page order is stable. */
  entries: z.array(SpaceEntrySchema),
  assets: z.array(SpaceAssetSchema),
});

export type SyncState = z.infer<typeof SyncStateSchema>;

/** Deleted or unpublished items only carry their id. */
const DeletedItemSchema = z.object({ sys: z.object({ id: z.string() }).loose() }).loose();

/** One page of a Sync API response, as the SDK hands it over with `paginate: false`. */
export const SyncPageSchema = z.object({
  entries: z.array(SpaceEntrySchema),
  assets: z.array(SpaceAssetSchema),
  deletedEntries: z.array(DeletedItemSchema),
  deletedAssets: z.array(DeletedItemSchema),
  nextPageToken: z.string().min(1).optional(),
  nextSyncToken: z.string().min(1).optional(),
});

export type SyncPage = z.infer<typeof SyncPageSchema>;

/**
 * Each entry's last version that passed every check, kept beside the sync state: when a published
 * entry fails validation, the build shows this version instead of leaving the entry out.
 */
export const LastGoodEntriesSchema = z.object({
  version: z.literal(1),
  source: z.string(),
  entries: z.array(SpaceEntrySchema),
  /** Former slugs of each page by locale, redirected to the page's current address. */
  slugHistory: z.record(z.string(), z.record(z.string(), z.array(z.string()))).default({}),
});
