/**
 * Every 10 minutes (with the delivery safety net, so an idle Netlify Database wakes once for both):
 * send due `lead.erased` events to the CRM and purge dead letters and spam past their retention
 * (src/lib/privacy/privacy-upkeep.ts). The delivery worker does the same after each drain, so a
 * busy site sends events sooner. docs/privacy.md.
 */
import type { Config } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { jsonLog } from '../../src/lib/delivery/delivery-log.ts';
import { configuredHandler } from '../../src/lib/env/configured-handler.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';
import { privacyUpkeep } from '../../src/lib/privacy/privacy-upkeep.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { crmWebhookSecret, DeliveryEnvSchema } from '../../src/schemas/delivery-env.ts';

const purpose = 'the privacy upkeep (netlify/functions/privacy-upkeep.mts)';

export default secureHandler(
  configuredHandler(purpose, () => {
    const env = parseEnv(DeliveryEnvSchema, process.env, purpose);
    const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose), { max: 1 });
    const log = jsonLog();
    return async () => {
      const done = await privacyUpkeep({
        ...{ db, url: env.CRM_WEBHOOK_URL, secret: crmWebhookSecret(env) },
        ...{ timeoutMs: env.LEADS_DELIVERY_TIMEOUT_MS, now: Date.now, log, days: env },
      });
      console.log(JSON.stringify({ event: 'privacy.upkeep', ...done }));
      return Response.json(done);
    };
  }),
);

export const config: Config = { schedule: '*/10 * * * *' };
