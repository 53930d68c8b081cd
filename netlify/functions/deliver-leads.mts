/**
 * The delivery worker, every minute: drain the lead queue into the CRM within the run's time
 * budget, at LEADS_DELIVERY_RATE shared with any overlapping run. When the budget runs out with
 * leads still due, it starts the background drainer so a backlog drains at the full rate. All logic
 * lives in src/lib/delivery; this file wires it to Netlify's runtime. See docs/delivery.md.
 */
import { getStore } from '@netlify/blobs';
import type { Config } from '@netlify/functions';
import {
  drainerLease,
  shouldStartBackgroundDrain,
  startBackgroundDrain,
} from '../../src/lib/delivery/background-drain.ts';
import {
  CrmNotConfiguredError,
  createDeliveryWorker,
  type DeliveryWorker,
} from '../../src/lib/delivery/delivery-worker.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { LEAD_QUEUE_NAME, LEAD_STORE_NAME } from '../../src/lib/queue/lead-stores.ts';
import { crmWebhookSecret, DeliveryEnvSchema } from '../../src/schemas/delivery-env.ts';
import { functionSiteUrl } from '../../src/schemas/function-site-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';

// Validated once per instance: a bad variable fails every run loudly in the log, naming it.
const env = parseEnv(
  DeliveryEnvSchema,
  process.env,
  'the delivery worker (netlify/functions/deliver-leads.mts)',
);

/** Long enough for the drainer to start and take the lease over; short enough to retry next run if it never does. */
const startGraceMs = 2 * 60_000;

export default secureHandler(async (): Promise<Response> => {
  const store = getStore({ name: LEAD_STORE_NAME, consistency: 'strong' });
  let worker: DeliveryWorker;
  try {
    worker = createDeliveryWorker({ store, env });
  } catch (error) {
    // Outside production the CRM may simply not be set up yet (a deploy preview): say so and stop.
    if (!(error instanceof CrmNotConfiguredError)) throw error;
    console.log(JSON.stringify({ event: 'drain.skipped', reason: error.message }));
    return Response.json({ skipped: error.message });
  }
  const summary = await worker.run();
  const lease = drainerLease(store, LEAD_QUEUE_NAME);
  const now = Date.now();
  const start = shouldStartBackgroundDrain({
    continuous: env.LEADS_DELIVERY_CONTINUOUS,
    stoppedBecause: summary.stoppedBecause,
    leaseUntil: await lease.read(),
    now,
  });
  const siteUrl = functionSiteUrl(env);
  if (start && siteUrl) {
    await lease.hold(now + startGraceMs);
    await startBackgroundDrain({
      siteUrl,
      secret: crmWebhookSecret(env),
      fetch: globalThis.fetch,
    }).catch((error: unknown) =>
      console.log(JSON.stringify({ event: 'drain.background-not-started', error: String(error) })),
    );
  }
  return Response.json({ ...summary, backgroundDrainStarted: start && siteUrl !== undefined });
});

export const config: Config = { schedule: '* * * * *' };
