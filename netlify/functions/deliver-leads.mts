/**
 * The safety net, every 10 minutes: if leads are due and no drainer holds the lease, start the
 * background drainer (one statement decides both). Leads normally start it themselves on arrival
 * (drainer-kick.ts); this catches retries falling due after a drainer stopped and a drainer that
 * died. Rare on purpose: with no leads it is the only query, so Netlify Database can suspend.
 * With LEADS_DELIVERY_CONTINUOUS=false it drains for its own budget instead. See docs/delivery.md.
 */
import type { Config } from '@netlify/functions';
import { startBackgroundDrain } from '../../src/lib/delivery/background-drain.ts';
import { CrmNotConfiguredError, createDeliveryWorker } from '../../src/lib/delivery/delivery-worker.ts';
import { kickDrainerIfIdle } from '../../src/lib/delivery/drainer-kick.ts';
import { drainTimeBudgetMs } from '../../src/lib/delivery/time-budget.ts';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import type { OwnedSqlClient as Database } from '../../src/lib/db/sql-client.ts';
import { configuredHandler } from '../../src/lib/env/configured-handler.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { crmWebhookSecret, DeliveryEnvSchema, type DeliveryEnv } from '../../src/schemas/delivery-env.ts';
import { functionSiteUrl } from '../../src/schemas/function-site-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';

// Validated and connected once per instance, on the first run: a bad variable is logged, naming it.
const purpose = 'the delivery safety net (netlify/functions/deliver-leads.mts)';

export default secureHandler(
  configuredHandler(purpose, () => {
    const env = parseEnv(DeliveryEnvSchema, process.env, purpose);
    const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose), { max: 2 });
    return () => safetyNet(env, db);
  }),
);

async function safetyNet(env: DeliveryEnv, db: Database): Promise<Response> {
  if (!env.LEADS_DELIVERY_CONTINUOUS) {
    try {
      const timeBudgetMs = drainTimeBudgetMs('scheduled', env);
      return Response.json(await createDeliveryWorker({ db, env }).run({ timeBudgetMs }));
    } catch (error) {
      // Outside production the CRM may simply not be set up yet (a deploy preview): say so and stop.
      if (!(error instanceof CrmNotConfiguredError)) throw error;
      return Response.json({ skipped: error.message });
    }
  }
  const siteUrl = functionSiteUrl(env);
  if (!siteUrl) return Response.json({ skipped: 'neither DEPLOY_URL, URL nor SITE_URL is set' });
  const secret = crmWebhookSecret(env);
  const trigger = () => startBackgroundDrain({ siteUrl, secret, fetch: globalThis.fetch });
  const drainer = await kickDrainerIfIdle({ db, now: Date.now, trigger });
  console.log(JSON.stringify({ event: 'drain.safety-net', drainer }));
  return Response.json({ drainer });
}

export const config: Config = { schedule: '*/10 * * * *' };
