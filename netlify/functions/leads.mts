/**
 * POST /api/leads: the only thing a campaign form talks to. It validates, files the lead in the
 * durable queue and answers; it never calls the CRM (the delivery worker does, at its own pace).
 * All logic lives in src/lib/leads; this file wires it to Netlify's runtime.
 */
import { getStore } from '@netlify/blobs';
import type { Config } from '@netlify/functions';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { createLeadEndpoint } from '../../src/lib/leads/lead-endpoint.ts';
import { createBlobsLeadQueue } from '../../src/lib/queue/blobs-lead-queue.ts';
import { withEnqueueDeadline } from '../../src/lib/queue/enqueue-deadline.ts';
import { LEAD_QUEUE_NAME, LEAD_STORE_NAME, SPAM_QUEUE_NAME } from '../../src/lib/queue/lead-stores.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';

// Validated once per instance, at start-up: a bad variable fails loudly in the log, naming it.
const env = parseEnv(LeadIntakeEnvSchema, process.env, 'the lead function (netlify/functions/leads.mts)');

export default secureHandler(
  createLeadEndpoint({
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
  }),
);

export const config: Config = {
  path: '/api/leads',
  // Netlify enforces this at the edge in production; LEADS_RATE_LIMIT_PER_MINUTE mirrors it in code
  // (default 10) for local runs and tests. Config must be a literal, so keep the two in step.
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
