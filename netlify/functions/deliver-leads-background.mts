/**
 * The background drainer: started by an accepted lead (drainer-kick.ts) or the safety-net schedule
 * when leads are due and no drainer holds the lease. It takes the one drainer lease, drains for up
 * to 13 minutes (Netlify allows background functions 15) at the shared pace, and hands over to a
 * fresh drainer if leads are still due. See docs/delivery.md.
 */
import type { Config } from '@netlify/functions';
import {
  isDrainerRequest,
  runBackgroundDrainer,
  startBackgroundDrain,
} from '../../src/lib/delivery/background-drain.ts';
import { createDeliveryWorker } from '../../src/lib/delivery/delivery-worker.ts';
import { drainTimeBudgetMs } from '../../src/lib/delivery/time-budget.ts';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { crmWebhookSecret, DeliveryEnvSchema } from '../../src/schemas/delivery-env.ts';
import { functionSiteUrl } from '../../src/schemas/function-site-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';

const purpose = 'the background drainer (deliver-leads-background)';
const env = parseEnv(DeliveryEnvSchema, process.env, purpose);
const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose));
const secret = crmWebhookSecret(env);

export default secureHandler(async (request: Request): Promise<Response> => {
  if (!isDrainerRequest(request, secret)) return new Response(null, { status: 401 });
  const siteUrl = functionSiteUrl(env);
  const outcome = await runBackgroundDrainer({
    db,
    worker: createDeliveryWorker({ db, env }),
    budgetMs: drainTimeBudgetMs('background', env),
    now: Date.now,
    random: Math.random,
    trigger: async () => {
      if (!siteUrl) throw new Error('neither DEPLOY_URL, URL nor SITE_URL is set');
      await startBackgroundDrain({ siteUrl, secret, fetch: globalThis.fetch });
    },
  });
  console.log(JSON.stringify({ event: 'drain.background-done', ...outcome }));
  return new Response(null, { status: 204 });
});

export const config: Config = { method: 'POST' };
