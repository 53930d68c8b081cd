/**
 * GET /api/leads/health: queue depth, oldest lead, in-flight, dead letters, last delivery and the
 * circuit's state, for a monitor holding LEADS_HEALTH_TOKEN. Logic: src/lib/delivery.
 */
import { getStore } from '@netlify/blobs';
import type { Config } from '@netlify/functions';
import { leadDeliveryHealth } from '../../src/lib/delivery/blobs-delivery-state.ts';
import { handleHealthRequest } from '../../src/lib/delivery/handle-health-request.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { LEAD_STORE_NAME } from '../../src/lib/queue/lead-stores.ts';
import { HealthEnvSchema } from '../../src/schemas/delivery-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';

const env = parseEnv(
  HealthEnvSchema,
  process.env,
  'the health endpoint (netlify/functions/leads-health.mts)',
);

export default secureHandler(async (request: Request): Promise<Response> =>
  handleHealthRequest(request, {
    token: env.LEADS_HEALTH_TOKEN,
    report: () => leadDeliveryHealth(getStore({ name: LEAD_STORE_NAME, consistency: 'strong' }), Date.now()),
  }),
);

export const config: Config = { path: '/api/leads/health' };
