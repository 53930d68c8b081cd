import type { SyncPage, SyncState } from '../../schemas/contentful-sync.ts';
import type {
  ContentType,
  SpaceAsset,
  SpaceEntry,
  SpaceExport,
  SpaceLocale,
} from '../../schemas/space-export.ts';

/** The published entries and assets of a space, kept up to date from Sync API pages. */
export interface SyncMirror {
  entries: Map<string, SpaceEntry>;
  assets: Map<string, SpaceAsset>;
}

/** What one page changed. */
export interface PageChanges {
  upserted: number;
  deleted: number;
}

/** An empty mirror (before an initial sync), or one restored from a saved state. */
export function createMirror(state?: SyncState): SyncMirror {
  return {
    entries: new Map(state?.entries.map((entry) => [entry.sys.id, entry])),
    assets: new Map(state?.assets.map((asset) => [asset.sys.id, asset])),
  };
}

/**
 * Apply one Sync API page: new and updated items replace what was there (an update keeps its
 * place, so page order stays stable), and deletions (also sent for unpublished items) remove it.
 */
export function applySyncPage(mirror: SyncMirror, page: SyncPage): PageChanges {
  for (const entry of page.entries) mirror.entries.set(entry.sys.id, entry);
  for (const asset of page.assets) mirror.assets.set(asset.sys.id, asset);
  for (const { sys } of page.deletedEntries) mirror.entries.delete(sys.id);
  for (const { sys } of page.deletedAssets) mirror.assets.delete(sys.id);
  return {
    upserted: page.entries.length + page.assets.length,
    deleted: page.deletedEntries.length + page.deletedAssets.length,
  };
}

/** The mirror as the state the loader saves between builds. */
export function mirrorToState(mirror: SyncMirror, source: string, token: string, now: Date): SyncState {
  return {
    version: 1,
    source,
    token,
    syncedAt: now.toISOString(),
    entries: [...mirror.entries.values()],
    assets: [...mirror.assets.values()],
  };
}

/** The mirror in the shape of a space export, which `mapSpace` turns into pages. */
export function mirrorToSpace(
  mirror: SyncMirror,
  locales: SpaceLocale[],
  contentTypes: ContentType[],
): SpaceExport {
  return {
    locales,
    contentTypes,
    entries: [...mirror.entries.values()],
    assets: [...mirror.assets.values()],
  };
}
