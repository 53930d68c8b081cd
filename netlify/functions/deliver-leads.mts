/**
 * The delivery worker, every minute: drain the lead queue into the CRM within the run's time
 * budget, at LEADS_DELIVERY_RATE shared with any overlapping run. All logic lives in
 * src/lib/delivery; this file wires it to Netlify's runtime. See docs/delivery.md.
 */
import { getStore } from '@netlify/blobs';
import type { Config } from '@netlify/functions';
import { CrmNotConfiguredError, createDeliveryWorker } from '../../src/lib/delivery/delivery-worker.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { LEAD_STORE_NAME } from '../../src/lib/queue/lead-stores.ts';
import { DeliveryEnvSchema } from '../../src/schemas/delivery-env.ts';

// Validated once per instance: a bad variable fails every run loudly in the log, naming it.
const env = parseEnv(
  DeliveryEnvSchema,
  process.env,
  'the delivery worker (netlify/functions/deliver-leads.mts)',
);

export default async (): Promise<Response> => {
  const store = getStore({ name: LEAD_STORE_NAME, consistency: 'strong' });
  try {
    const summary = await createDeliveryWorker({ store, env }).run();
    return Response.json(summary);
  } catch (error) {
    // Outside production the CRM may simply not be set up yet (a deploy preview): say so and stop.
    if (!(error instanceof CrmNotConfiguredError)) throw error;
    console.log(JSON.stringify({ event: 'drain.skipped', reason: error.message }));
    return Response.json({ skipped: error.message });
  }
};

export const config: Config = { schedule: '* * * * *' };
