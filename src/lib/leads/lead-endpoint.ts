import type { LeadIntakeEnv } from '../../schemas/lead.ts';
import type { LeadQueue } from '../queue/lead-queue.ts';
import { createErrorTemplateSource, fetchTextDocument } from './error-template-source.ts';
import { createFormConfigSource, fetchJsonDocument } from './form-config-source.ts';
import { handleLeadRequest } from './handle-lead-request.ts';
import { createRateLimiter } from './rate-limit.ts';

/** The queues a lead is filed in: delivered leads, and spam kept apart. */
export interface LeadQueues {
  queue: LeadQueue;
  spamQueue: LeadQueue;
}

/**
 * The lead endpoint as one warm instance runs it: the rate limiter and the form rules live as long
 * as the instance, the queues are asked for per request (the Blobs context is per invocation).
 * Only the client IP is read from Netlify's context, so the local server can host it as it is.
 */
export function createLeadEndpoint(options: { env: LeadIntakeEnv; queues: () => LeadQueues }) {
  const { env } = options;
  const rateLimiter = createRateLimiter({ limit: env.rateLimitPerMinute, windowMs: 60_000 });
  const formConfigs = createFormConfigSource((url) => fetchJsonDocument(url));
  const errorTemplates = createErrorTemplateSource((url) => fetchTextDocument(url));
  return (request: Request, context: { ip: string }): Promise<Response> =>
    handleLeadRequest(request, {
      ...options.queues(),
      forms: () => formConfigs.load(new URL(request.url).origin),
      errorTemplate: (locale) => errorTemplates(new URL(request.url).origin, locale),
      env,
      now: Date.now,
      clientIp: context.ip,
      rateLimiter,
    });
}
