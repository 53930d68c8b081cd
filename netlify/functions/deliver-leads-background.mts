/**
 * The background drainer: started by the scheduled worker when a backlog outlasts its 18 s budget,
 * it drains for up to 13 minutes (Netlify allows background functions 15) at the same shared pace,
 * so a spike drains at LEADS_DELIVERY_RATE instead of 30 % of it. See docs/delivery.md.
 */
import { getStore } from '@netlify/blobs';
import type { Config } from '@netlify/functions';
import { drainerLease, isDrainerRequest } from '../../src/lib/delivery/background-drain.ts';
import { createDeliveryWorker } from '../../src/lib/delivery/delivery-worker.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { LEAD_QUEUE_NAME, LEAD_STORE_NAME } from '../../src/lib/queue/lead-stores.ts';
import {
  BACKGROUND_DRAIN_BUDGET_MS,
  crmWebhookSecret,
  DeliveryEnvSchema,
} from '../../src/schemas/delivery-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';

const env = parseEnv(DeliveryEnvSchema, process.env, 'the background drainer (deliver-leads-background)');
const secret = crmWebhookSecret(env);

/** Calls in flight when the budget ends get this long to finish before the lease lapses. */
const finishMs = 60_000;

export default secureHandler(async (request: Request): Promise<Response> => {
  if (!isDrainerRequest(request, secret)) return new Response(null, { status: 401 });
  const store = getStore({ name: LEAD_STORE_NAME, consistency: 'strong' });
  const lease = drainerLease(store, LEAD_QUEUE_NAME);
  await lease.hold(Date.now() + BACKGROUND_DRAIN_BUDGET_MS + finishMs);
  try {
    const summary = await createDeliveryWorker({ store, env }).run({
      timeBudgetMs: BACKGROUND_DRAIN_BUDGET_MS,
    });
    console.log(JSON.stringify({ event: 'drain.background-done', ...summary }));
  } finally {
    // Let the next scheduled run start another drainer at once if leads are still due.
    await lease.hold(Date.now());
  }
  return new Response(null, { status: 204 });
});

export const config: Config = { method: 'POST' };
