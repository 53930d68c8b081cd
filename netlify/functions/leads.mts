/**
 * POST /api/leads: the only thing a campaign form talks to. It validates, files the lead in the
 * durable queue (Netlify Database) and answers; it never calls the CRM (the delivery worker does,
 * at its own pace). All logic lives in src/lib/leads; this file wires it to Netlify's runtime.
 */
import type { Config } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { startBackgroundDrain } from '../../src/lib/delivery/background-drain.ts';
import { kickDrainerIfIdle } from '../../src/lib/delivery/drainer-kick.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';
import { runAfterResponse } from '../../src/lib/netlify/after-response.ts';
import { createLeadEndpoint, type LeadFunctionContext } from '../../src/lib/leads/lead-endpoint.ts';
import { withEnqueueDeadline } from '../../src/lib/queue/enqueue-deadline.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { crmWebhookSecret, DrainerTriggerEnvSchema } from '../../src/schemas/delivery-env.ts';
import { functionSiteUrl } from '../../src/schemas/function-site-env.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';

// Validated once per instance, at start-up: a bad variable fails loudly in the log, naming it.
const purpose = 'the lead function (netlify/functions/leads.mts)';
const env = parseEnv(LeadIntakeEnvSchema, process.env, purpose);
const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose), {
  connectTimeoutMs: env.enqueueTimeoutMs,
});
const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
const drainerEnv = parseEnv(DrainerTriggerEnvSchema, process.env, purpose);
const drainerUrl = functionSiteUrl(drainerEnv);

/**
 * After a new lead is stored: start the background drainer if none is live (one statement), so
 * the lead goes out within seconds while an idle site's database sleeps; `waitUntil` keeps the
 * answer from waiting on it. A failure only leaves the lead to the next kick or the safety net.
 */
function wakeDrainer(context: LeadFunctionContext) {
  if (!drainerEnv.LEADS_DELIVERY_CONTINUOUS || !drainerUrl) return;
  const secret = crmWebhookSecret(drainerEnv);
  const trigger = () => startBackgroundDrain({ siteUrl: drainerUrl, secret, fetch: globalThis.fetch });
  runAfterResponse(
    context,
    async () => {
      if ((await kickDrainerIfIdle({ db, now: Date.now, trigger })) === 'trigger-failed')
        throw new Error('the background drainer did not answer');
    },
    // A warning, not an error: the lead is stored, and the schedule delivers it within minutes.
    (message) => console.warn(`leads: drainer not started (${message}); the scheduled drainer will deliver`),
  );
}

export default secureHandler(
  createLeadEndpoint({
    env,
    queue: withEnqueueDeadline(queue, env.enqueueTimeoutMs),
    afterAccept: wakeDrainer,
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
