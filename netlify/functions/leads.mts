/**
 * POST /api/leads: the only thing a campaign form talks to. It validates, files the lead in the
 * durable queue and answers; it never calls the CRM (the delivery worker does, at its own pace).
 * All logic lives in src/lib/leads; this file wires it to Netlify's runtime.
 */
import { getStore } from '@netlify/blobs';
import type { Config, Context } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { startBackgroundDrain } from '../../src/lib/delivery/background-drain.ts';
import { kickDrainerIfIdle } from '../../src/lib/delivery/drainer-kick.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { createLeadEndpoint } from '../../src/lib/leads/lead-endpoint.ts';
import { createBlobsLeadQueue } from '../../src/lib/queue/blobs-lead-queue.ts';
import { withEnqueueDeadline } from '../../src/lib/queue/enqueue-deadline.ts';
import { LEAD_QUEUE_NAME, LEAD_STORE_NAME, SPAM_QUEUE_NAME } from '../../src/lib/queue/lead-stores.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { crmWebhookSecret, DrainerTriggerEnvSchema, drainerSiteUrl } from '../../src/schemas/delivery-env.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';

// Validated once per instance, at start-up: a bad variable fails loudly in the log, naming it.
const env = parseEnv(LeadIntakeEnvSchema, process.env, 'the lead function (netlify/functions/leads.mts)');

const purpose = 'the lead function (netlify/functions/leads.mts)';
const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose));
const drainerEnv = parseEnv(DrainerTriggerEnvSchema, process.env, purpose);
const drainerUrl = drainerSiteUrl(drainerEnv);

/**
 * After a 202: start the background drainer if none is live (one statement), so the lead goes out
 * within seconds; `waitUntil` keeps the answer from waiting on it. A failure only leaves the lead
 * to the next lead's kick or the safety-net schedule.
 */
const afterAccept = (context: Context) => {
  if (!drainerEnv.LEADS_DELIVERY_CONTINUOUS || !drainerUrl) return;
  const secret = crmWebhookSecret(drainerEnv);
  const trigger = () => startBackgroundDrain({ siteUrl: drainerUrl, secret, fetch: globalThis.fetch });
  const kick = kickDrainerIfIdle({ db, now: Date.now, trigger }).catch(() => 'trigger-failed');
  // A local host without `waitUntil` simply lets the promise run on.
  if (typeof context.waitUntil === 'function') context.waitUntil(kick);
};

const endpoint = createLeadEndpoint({
  env,
  queues() {
    const store = getStore({ name: LEAD_STORE_NAME, consistency: 'strong' });
    const queueOf = (name: string) =>
      withEnqueueDeadline(
        createBlobsLeadQueue({ store, name, now: Date.now, random: Math.random }),
        env.enqueueTimeoutMs,
      );
    return { queue: queueOf(LEAD_QUEUE_NAME), spamQueue: queueOf(SPAM_QUEUE_NAME) };
  },
});

export default async (request: Request, context: Context): Promise<Response> => {
  const response = await endpoint(request, context);
  if (response.status === 202) afterAccept(context);
  return response;
};

export const config: Config = {
  path: '/api/leads',
  // Netlify enforces this at the edge in production; LEADS_RATE_LIMIT_PER_MINUTE mirrors it in code
  // (default 10) for local runs and tests. Config must be a literal, so keep the two in step.
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
