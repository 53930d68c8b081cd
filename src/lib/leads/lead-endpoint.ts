import type { LeadIntakeEnv } from '../../schemas/lead.ts';
import type { LeadQueue } from '../queue/lead-queue.ts';
import { createFormConfigSource, fetchJsonDocument } from './form-config-source.ts';
import { handleLeadRequest } from './handle-lead-request.ts';
import { createRateLimiter } from './rate-limit.ts';

/**
 * The lead endpoint as one warm instance runs it: the rate limiter, the form rules and the
 * database pool live as long as the instance.
 * Only the client IP is read from Netlify's context, so the local server can host it as it is.
 */
export function createLeadEndpoint(options: {
  env: LeadIntakeEnv;
  queue: LeadQueue;
  afterAccept?: () => void;
}) {
  const { env } = options;
  const rateLimiter = createRateLimiter({ limit: env.rateLimitPerMinute, windowMs: 60_000 });
  const formConfigs = createFormConfigSource((url) => fetchJsonDocument(url));
  return (request: Request, context: { ip: string }): Promise<Response> =>
    handleLeadRequest(request, {
      queue: options.queue,
      afterAccept: options.afterAccept,
      forms: () => formConfigs.load(new URL(request.url).origin),
      env,
      now: Date.now,
      clientIp: context.ip,
      rateLimiter,
    });
}
