/**
 * POST /api/leads: the only thing a campaign form talks to. It validates, files the lead in the
 * durable queue (Netlify Database) and answers; it never calls the CRM (the delivery worker does,
 * at its own pace). All logic lives in src/lib/leads; this file wires it to Netlify's runtime.
 */
import type { Config } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { createLeadEndpoint } from '../../src/lib/leads/lead-endpoint.ts';
import { withEnqueueDeadline } from '../../src/lib/queue/enqueue-deadline.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';

// Validated once per instance, at start-up: a bad variable fails loudly in the log, naming it.
const purpose = 'the lead function (netlify/functions/leads.mts)';
const env = parseEnv(LeadIntakeEnvSchema, process.env, purpose);
const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose), {
  connectTimeoutMs: env.enqueueTimeoutMs,
});
const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });

export default secureHandler(
  createLeadEndpoint({
    env,
    queue: withEnqueueDeadline(queue, env.enqueueTimeoutMs),
    // Written by the build (src/integrations/form-rules.ts) and bundled into this function by
    // Netlify's bundler, so each deploy judges posts by its own forms; read once, on first use, so a
    // missing file (no build yet) is a logged 503, not a function that fails to start.
    readFormRules: async () =>
      (await import('../../.floodgate/form-rules.json', { with: { type: 'json' } })).default,
    readErrorPages: async () =>
      (await import('../../.floodgate/error-pages.json', { with: { type: 'json' } })).default,
  }),
);

export const config: Config = {
  path: '/api/leads',
  // Netlify enforces this at the edge in production; LEADS_RATE_LIMIT_PER_MINUTE mirrors it in code
  // (default 10) for local runs and tests. Config must be a literal, so keep the two in step.
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
