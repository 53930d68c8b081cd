import { SyncStateSchema, type SyncState } from '../../schemas/contentful-sync.ts';
import type { SpaceExport } from '../../schemas/space-export.ts';
import { applySyncPage, createMirror, mirrorToSpace, mirrorToState, type SyncMirror } from './sync-mirror.ts';
import { SyncTokenRejectedError, type SyncCursor, type SyncSource } from './sync-source.ts';

export interface SyncLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface SyncReport {
  mode: 'full' | 'delta';
  /** Why a full sync was needed. */
  reason?: string;
  pages: number;
  upserted: number;
  deleted: number;
  entries: number;
  assets: number;
}

export interface SyncOutcome {
  space: SpaceExport;
  state: SyncState;
  report: SyncReport;
}

export interface SyncSpaceOptions {
  source: SyncSource;
  /** Identifies space, environment and host; saved state from another source is not reused. */
  sourceKey: string;
  /** The state saved by the previous build, as stored (unparsed), if any. */
  saved: string | undefined;
  log: SyncLog;
  now?: () => Date;
}

/**
 * Bring the local mirror of a space up to date with Contentful's Sync API: from the saved token
 * when there is one (only what changed since the last build), otherwise from scratch. Locales and
 * content types are read on every run, alongside the sync, because the Sync API does not carry them.
 */
export async function syncSpace(options: SyncSpaceOptions): Promise<SyncOutcome> {
  const { source, log } = options;
  const locales = source.locales();
  const contentTypes = source.contentTypes();
  const saved = readSavedState(options.saved, options.sourceKey);
  const run = async () => {
    if ('state' in saved) {
      try {
        return await syncFrom(source, createMirror(saved.state), { token: saved.state.token }, log);
      } catch (error) {
        if (!(error instanceof SyncTokenRejectedError)) throw error;
        log.warn(`${error.message}; starting a full sync`);
        return syncFrom(source, createMirror(), { initial: true }, log, error.message);
      }
    }
    log.info(`Contentful: full sync, because ${saved.reason}`);
    return syncFrom(source, createMirror(), { initial: true }, log, saved.reason);
  };
  const [synced, localeList, typeList] = await Promise.all([run(), locales, contentTypes]);
  const now = options.now?.() ?? new Date();
  return {
    space: mirrorToSpace(synced.mirror, localeList, typeList),
    state: mirrorToState(synced.mirror, options.sourceKey, synced.token, now),
    report: synced.report,
  };
}

function readSavedState(
  raw: string | undefined,
  sourceKey: string,
): { state: SyncState } | { reason: string } {
  if (raw === undefined) return { reason: 'there is no saved sync state (first build, or a cleared cache)' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { reason: 'the saved sync state is not valid JSON' };
  }
  const parsed = SyncStateSchema.safeParse(json);
  if (!parsed.success) return { reason: 'the saved sync state has an outdated or unknown format' };
  if (parsed.data.source !== sourceKey)
    return { reason: `the saved sync state is for ${parsed.data.source}, not ${sourceKey}` };
  return { state: parsed.data };
}

async function syncFrom(
  source: SyncSource,
  mirror: SyncMirror,
  start: SyncCursor,
  log: SyncLog,
  reason?: string,
): Promise<{ mirror: SyncMirror; token: string; report: SyncReport }> {
  const full = 'initial' in start;
  // The total only serves the progress line; a failure there must not fail the sync.
  const total = full ? source.publishedTotal().catch(() => undefined) : Promise.resolve(undefined);
  const report: SyncReport = {
    mode: full ? 'full' : 'delta',
    ...(reason === undefined ? {} : { reason }),
    pages: 0,
    upserted: 0,
    deleted: 0,
    entries: 0,
    assets: 0,
  };
  let cursor = start;
  for (;;) {
    const page = await source.page(cursor);
    const changes = applySyncPage(mirror, page);
    report.pages += 1;
    report.upserted += changes.upserted;
    report.deleted += changes.deleted;
    if (page.nextSyncToken !== undefined) {
      report.entries = mirror.entries.size;
      report.assets = mirror.assets.size;
      return { mirror, token: page.nextSyncToken, report };
    }
    if (page.nextPageToken === undefined)
      throw new Error('Contentful sent a sync page with neither nextPageUrl nor nextSyncUrl');
    const expected = await total;
    const of = expected === undefined ? '' : ` of ${expected.toLocaleString('en-US')}`;
    log.info(
      `Contentful: ${full ? 'synced' : 'fetched changes for'} ${report.upserted.toLocaleString('en-US')}${of} entries and assets (page ${report.pages})`,
    );
    cursor = { token: page.nextPageToken };
  }
}
