import type { Loader, LoaderContext } from 'astro/loaders';
import { mapSpace, type MappedSite } from '../../lib/content/map-space.ts';
import { apiContext, createCdaClient } from '../../lib/contentful/cda-client.ts';
import { endpointLabel } from '../../lib/contentful/endpoint.ts';
import { createSdkSyncSource } from '../../lib/contentful/sdk-sync-source.ts';
import { syncSpace, type SyncReport } from '../../lib/contentful/sync-space.ts';
import type { ContentfulConfig } from '../../schemas/contentful-env.ts';
import { createSiteHandOff } from './contentful-handoff.ts';
import { storeMappedSite, type SiteCollection } from './store-mapped-site.ts';

/** Meta key (in the `pages` collection) holding the sync token and the mirrored entries. */
const stateKey = 'contentful-sync-state';

const handOff = createSiteHandOff();

/**
 * Loads the site from a Contentful space with the Sync API. The first build fetches everything;
 * later builds fetch only what changed since the token saved in the content layer store (which
 * Astro keeps in `node_modules/.astro/data-store.json`), apply it, and map the whole mirror again.
 */
export function contentfulLoader(options: { config: ContentfulConfig; collection: SiteCollection }): Loader {
  return {
    name: 'floodgate-contentful',
    load: async (context: LoaderContext) => {
      if (options.collection === 'pages') {
        const site = syncAndMap(options.config, context);
        handOff.publish(site);
        storeMappedSite(context, 'pages', await site);
      } else {
        storeMappedSite(context, options.collection, await handOff.take());
      }
    },
  };
}

async function syncAndMap(config: ContentfulConfig, context: LoaderContext): Promise<MappedSite> {
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
  const { space, state, report } = await syncSpace({
    source: createSdkSyncSource(client, apiContext(config, 'delivery')),
    sourceKey,
    saved: context.meta.get(stateKey),
    log: context.logger,
  });
  // Saved before mapping: the mirror matches Contentful even if the content fails validation, so
  // the build after the fix fetches only the fix.
  context.meta.set(stateKey, JSON.stringify(state));
  context.logger.info(summary(report, requests, performance.now() - started));
  return mapSpace(space);
}

function summary(report: SyncReport, requests: number, ms: number): string {
  const changes =
    report.mode === 'full'
      ? `${report.entries} entries and ${report.assets} assets`
      : `${report.upserted} changed and ${report.deleted} removed entries or assets`;
  return `Contentful: ${report.mode} sync, ${changes}, ${requests} requests, ${(ms / 1000).toFixed(1)} s`;
}
