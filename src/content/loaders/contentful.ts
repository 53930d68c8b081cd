import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { MappedSite } from '../../lib/content/map-space.ts';
import { mapSite } from '../../lib/content/map-site.ts';
import {
  lastGoodFile,
  previousSlugsOf,
  withRenamedSlugs,
  type SlugHistory,
} from '../../lib/content/last-good.ts';
import { apiContext, createCdaClient } from '../../lib/contentful/cda-client.ts';
import { endpointLabel } from '../../schemas/contentful-endpoint.ts';
import { createSdkSyncSource } from '../../lib/contentful/sdk-sync-source.ts';
import { syncAndMap } from '../../lib/contentful/sync-and-map.ts';
import type { SyncReport } from '../../lib/contentful/sync-space.ts';
import { syncStateFile } from '../../lib/contentful/sync-state-file.ts';
import type { ContentfulConfig } from '../../schemas/contentful-env.ts';
import { createSiteHandOff } from './contentful-handoff.ts';
import { storeSiteOrProblem, type SiteCollection } from './store-mapped-site.ts';

/** File in Astro's cache directory holding the sync token and the mirrored entries. */
const stateFile = 'contentful-sync-state.json';
/** File beside it with each entry's last version that passed every check. */
const lastGoodFileName = 'contentful-last-good.json';

const handOff = createSiteHandOff();

/**
 * Loads the site from a Contentful space with the Sync API. The first build fetches everything;
 * later builds fetch only what changed since the token saved in Astro's cache directory
 * (`node_modules/.astro/contentful-sync-state.json`), apply it, and map the whole mirror again.
 */
export function contentfulLoader(options: { config: ContentfulConfig; collection: SiteCollection }): Loader {
  return {
    name: 'floodgate-contentful',
    load: async (context: LoaderContext) => {
      if (options.collection === 'pages') {
        const site = loadSite(options.config, context);
        handOff.publish(site);
        await storeSiteOrProblem(context, 'pages', site);
      } else {
        await storeSiteOrProblem(context, options.collection, handOff.take());
      }
    },
  };
}

async function loadSite(config: ContentfulConfig, context: LoaderContext): Promise<MappedSite> {
  const started = performance.now();
  let requests = 0;
  const client = createCdaClient(config, 'delivery', {
    onRequest: () => (requests += 1),
    log: (level, message) => {
      if (level === 'error') return; // The failure itself is thrown and reported once, by Astro.
      if (level === 'warning') context.logger.warn(`Contentful: ${message}`);
      else context.logger.info(`Contentful: ${message}`);
    },
  });
  const sourceKey = `${config.spaceId}/${config.environment}@${endpointLabel(config.delivery)}`;
  const lastGood = lastGoodFile(fileURLToPath(new URL(lastGoodFileName, context.config.cacheDir)), sourceKey);
  const previous = await lastGood.read();
  let slugHistory: SlugHistory = previous.slugHistory;
  const mapping = await syncAndMap({
    source: createSdkSyncSource(client, apiContext(config, 'delivery')),
    sourceKey,
    store: syncStateFile(fileURLToPath(new URL(stateFile, context.config.cacheDir))),
    log: context.logger,
    map: (space, report) => {
      // Logged before mapping, which may fail on a content mistake.
      context.logger.info(summary(report, requests, performance.now() - started));
      // A page renamed since the last build keeps its old address, as a redirect.
      slugHistory = withRenamedSlugs(previous.slugHistory, previous.entries, space);
      return mapSite(space, { lastGood: previous.entries, previousSlugs: previousSlugsOf(slugHistory) });
    },
  });
  await lastGood.write(mapping.goodEntries, slugHistory);
  return mapping.site;
}

function summary(report: SyncReport, requests: number, ms: number): string {
  const changes =
    report.mode === 'full'
      ? `${report.entries} entries and ${report.assets} assets`
      : `${report.upserted} changed and ${report.deleted} removed entries or assets`;
  return `Contentful: ${report.mode} sync, ${changes}, ${requests} requests, ${(ms / 1000).toFixed(1)} s`;
}
