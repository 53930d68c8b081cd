import type { SpaceExport } from '../../schemas/space-export.ts';
import type { SyncSource } from './sync-source.ts';
import { syncSpace, type SyncLog, type SyncReport } from './sync-space.ts';
import type { SyncStateStore } from './sync-state-file.ts';

export interface SyncAndMapOptions<Site> {
  source: SyncSource;
  sourceKey: string;
  store: SyncStateStore;
  /** Turns the synced space into the site (may throw on content mistakes); told what the sync did. */
  map: (space: SpaceExport, report: SyncReport) => Site;
  log: SyncLog;
  now?: () => Date;
}

/**
 * Sync the space, save the new state, then map it. The state is on disk before mapping starts, so
 * when the content fails validation, the build after the marketer's fix fetches only the fix.
 */
export async function syncAndMap<Site>(options: SyncAndMapOptions<Site>): Promise<Site> {
  const { space, state, report } = await syncSpace({
    source: options.source,
    sourceKey: options.sourceKey,
    saved: await options.store.read(),
    log: options.log,
    ...(options.now ? { now: options.now } : {}),
  });
  await options.store.write(JSON.stringify(state));
  return options.map(space, report);
}
