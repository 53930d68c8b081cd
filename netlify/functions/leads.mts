/**
 * POST /api/leads: the only thing a campaign form talks to. It validates, files the lead in the
 * durable queue and answers; it never calls the CRM (the delivery worker does, at its own pace).
 * All logic lives in src/lib/leads; this file wires it to Netlify's runtime.
 */
import { getStore } from '@netlify/blobs';
import type { Config, Context } from '@netlify/functions';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { createFormConfigSource, fetchJsonDocument } from '../../src/lib/leads/form-config-source.ts';
import { handleLeadRequest } from '../../src/lib/leads/handle-lead-request.ts';
import { createRateLimiter } from '../../src/lib/leads/rate-limit.ts';
import { createBlobsLeadQueue } from '../../src/lib/queue/blobs-lead-queue.ts';
import { withEnqueueDeadline } from '../../src/lib/queue/enqueue-deadline.ts';
import { LEAD_QUEUE_NAME, LEAD_STORE_NAME, SPAM_QUEUE_NAME } from '../../src/lib/queue/lead-stores.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';

// Validated once per instance, at start-up: a bad variable fails loudly in the log, naming it.
const env = parseEnv(LeadIntakeEnvSchema, process.env, 'the lead function (netlify/functions/leads.mts)');
const rateLimiter = createRateLimiter({ limit: env.rateLimitPerMinute, windowMs: 60_000 });
const formConfigs = createFormConfigSource((url) => fetchJsonDocument(url));

// Only `ip` is read from Netlify's context, so the local server can host this function warm.
export default async (request: Request, context: Pick<Context, 'ip'>): Promise<Response> => {
  const store = getStore({ name: LEAD_STORE_NAME, consistency: 'strong' });
  const queueOf = (name: string) =>
    withEnqueueDeadline(
      createBlobsLeadQueue({ store, name, now: Date.now, random: Math.random }),
      env.enqueueTimeoutMs,
    );
  return handleLeadRequest(request, {
    queue: queueOf(LEAD_QUEUE_NAME),
    spamQueue: queueOf(SPAM_QUEUE_NAME),
    forms: () => formConfigs.load(new URL(request.url).origin),
    env,
    now: Date.now,
    clientIp: context.ip,
    rateLimiter,
  });
};

export const config: Config = {
  path: '/api/leads',
  // Netlify enforces this at the edge in production; LEADS_RATE_LIMIT_PER_MINUTE mirrors it in code
  // (default 10) for local runs and tests. Config must be a literal, so keep the two in step.
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
