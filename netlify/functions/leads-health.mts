/**
 * GET /api/leads/health: queue depth, oldest lead, in-flight, dead letters, spam, last delivery,
 * the circuit and the drainer, for a monitor holding LEADS_HEALTH_TOKEN. Logic: src/lib/delivery.
 * Only a monitor's request queries the database: an idle site stays asleep unless it is polled.
 */
import type { Config } from '@netlify/functions';
import { leadDeliveryHealth } from '../../src/lib/delivery/delivery-health.ts';
import { handleHealthRequest } from '../../src/lib/delivery/handle-health-request.ts';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { configuredHandler } from '../../src/lib/env/configured-handler.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { HealthEnvSchema } from '../../src/schemas/delivery-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';

const purpose = 'the health endpoint (netlify/functions/leads-health.mts)';

// Configuration is read on the first request: a missing variable is a logged 503, never a stack trace.
export default secureHandler(
  configuredHandler(purpose, () => {
    const env = parseEnv(HealthEnvSchema, process.env, purpose);
    const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose), { max: 1 });
    return (request: Request) =>
      handleHealthRequest(request, {
        token: env.LEADS_HEALTH_TOKEN,
        report: () => leadDeliveryHealth(db, Date.now()),
      });
  }),
);

export const config: Config = { path: '/api/leads/health' };
