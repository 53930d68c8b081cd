import { randomUUID } from 'node:crypto';
import type { Config, Context } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';
import { runAfterResponse } from '../../src/lib/netlify/after-response.ts';
import { closerPlacement } from '../../src/lib/rebuild/closer-placement.ts';
import { triggerBackgroundCloser } from '../../src/lib/rebuild/closer-trigger.ts';
import { configuredHandler } from '../../src/lib/env/configured-handler.ts';
import { isFeatureOn, rebuildFeature } from '../../src/lib/env/function-env.ts';
import { functionCloserDeps } from '../../src/lib/rebuild/function-deps.ts';
import { handleContentfulWebhook, refuseUnverifiable } from '../../src/lib/rebuild/handle-webhook.ts';
import { postgresRebuildStore } from '../../src/lib/rebuild/rebuild-store.ts';
import { rebuildTiming } from '../../src/lib/rebuild/rebuild-timing.ts';
import { waitAndClose } from '../../src/lib/rebuild/wait-and-close.ts';
import { contentTypeSchemas } from '../../src/schemas/content-types.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { functionSiteUrl } from '../../src/schemas/function-site-env.ts';
import { RebuildEnvSchema } from '../../src/schemas/webhook-env.ts';

const purpose = 'the Contentful webhook (netlify/functions/contentful-webhook.mts)';
const siteContentTypes = new Set(Object.keys(contentTypeSchemas));

/** Contentful → verified, filtered event in the database → (when it opens a window) its closer. */
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
  const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose));
  const store = postgresRebuildStore(db);
  const timing = rebuildTiming(env.REBUILD_WINDOW_SECONDS * 1000);
  const placement = closerPlacement(timing);
  const siteUrl = functionSiteUrl(env);

  /**
   * The closer for a window this event opened: here, after the answer, when the window fits this
   * invocation; otherwise in the background function. Either way the schedule is the safety net.
   */
  const startCloser = (context: Context): void => {
    const report = (what: string) => (message: string) =>
      console.error(`rebuild: ${what} (${message}); the scheduled closer will close the window`);
    if (placement === 'webhook')
      return runAfterResponse(
        context,
        () => waitAndClose(functionCloserDeps(env, db), timing.windowMs),
        report('window not closed'),
      );
    if (!siteUrl) return report('background closer not started')('no SITE_URL or URL configured');
    // On Netlify the background function answers 202 at once; @netlify/dev answers it only once it
    // has finished, so where there is no waitUntil (a local host) the trigger may wait the whole run.
    const timeoutMs = typeof context.waitUntil === 'function' ? 10_000 : 15 * 60_000;
    const secret = env.CONTENTFUL_WEBHOOK_SECRET;
    runAfterResponse(
      context,
      () => triggerBackgroundCloser({ siteUrl, secret, fetch: globalThis.fetch, timeoutMs }),
      report('background closer not started'),
    );
  };

  return (request: Request, context: Context) =>
    handleContentfulWebhook(request, {
      secret: env.CONTENTFUL_WEBHOOK_SECRET,
      maxAgeMs: env.CONTENTFUL_WEBHOOK_MAX_AGE_SECONDS * 1000,
      timing,
      store,
      now: () => Date.now(),
      newId: () => randomUUID(),
      siteContentTypes,
      onWindowOpened: async () => startCloser(context),
    });
}

export const config: Config = { path: '/api/contentful-webhook' };
