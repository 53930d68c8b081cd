import { randomUUID } from 'node:crypto';
import type { Config, Context } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { triggerBackgroundCloser } from '../../src/lib/rebuild/closer-trigger.ts';
import { configuredHandler } from '../../src/lib/env/configured-handler.ts';
import { isFeatureOn, rebuildFeature } from '../../src/lib/env/function-env.ts';
import { handleContentfulWebhook, refuseUnverifiable } from '../../src/lib/rebuild/handle-webhook.ts';
import { postgresRebuildStore } from '../../src/lib/rebuild/rebuild-store.ts';
import { rebuildTiming } from '../../src/lib/rebuild/rebuild-timing.ts';
import { contentTypeSchemas } from '../../src/schemas/content-types.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { RebuildEnvSchema } from '../../src/schemas/webhook-env.ts';
import { functionSiteUrl } from '../../src/schemas/function-site-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';

const purpose = 'the Contentful webhook (netlify/functions/contentful-webhook.mts)';
const siteContentTypes = new Set(Object.keys(contentTypeSchemas));

/** Contentful → verified, filtered event in the database → (when it opens a window) the background closer. */
export default secureHandler(configuredHandler(purpose, setup, { unconfigured: refuseUnverifiable }));

/**
 * Read on the first request, so a missing secret is a logged 401 rather than a crash. Without the
 * secret nothing can be verified: every caller gets what an unsigned one gets from a configured
 * webhook (`refuseUnverifiable`), so an unsigned caller cannot learn whether it is configured.
 */
function setup() {
  if (!isFeatureOn(rebuildFeature, process.env)) return 'off' as const;
  const env = parseEnv(RebuildEnvSchema, process.env, purpose);
  // One pool per instance; it connects on the first webhook, so an idle site lets the database sleep.
  const store = postgresRebuildStore(connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose)));
  const siteUrl = functionSiteUrl(env);
  return (request: Request, context: Context) =>
    handleContentfulWebhook(request, {
      secret: env.CONTENTFUL_WEBHOOK_SECRET,
      maxAgeMs: env.CONTENTFUL_WEBHOOK_MAX_AGE_SECONDS * 1000,
      timing: rebuildTiming(env.REBUILD_WINDOW_SECONDS * 1000),
      store,
      now: () => Date.now(),
      newId: () => randomUUID(),
      siteContentTypes,
      async onWindowOpened() {
        // On Netlify the background function answers 202 at once and waitUntil keeps this invocation
        // alive until the trigger is sent. The local server has no waitUntil and @netlify/dev answers
        // a background function only once it has finished, so there the trigger runs on unawaited.
        if (!siteUrl) {
          console.error('rebuild: no SITE_URL or URL configured; the scheduled closer will close the window');
          return;
        }
        const onNetlify = typeof context.waitUntil === 'function';
        const started = triggerBackgroundCloser({
          siteUrl,
          secret: env.CONTENTFUL_WEBHOOK_SECRET,
          fetch: globalThis.fetch,
          timeoutMs: onNetlify ? 10_000 : 15 * 60_000,
        }).catch((error: unknown) =>
          console.error(`rebuild: background closer not started: ${String(error)}`),
        );
        if (onNetlify) context.waitUntil(started);
      },
    });
}

export const config: Config = { path: '/api/contentful-webhook' };
