import type { LeadIntakeEnv } from '../../schemas/lead.ts';
import type { EnqueueResult, LeadQueue } from '../queue/lead-queue.ts';
import { createErrorTemplateSource } from './error-template-source.ts';
import { createFormRulesSource } from './form-rules-source.ts';
import { handleLeadRequest } from './handle-lead-request.ts';
import { createRateLimiter } from './rate-limit.ts';
import { LEAD_RATE_LIMIT } from '../../schemas/lead-rate-limit.ts';
import { createRecentBodies } from './recent-bodies.ts';

/** What the endpoint reads of Netlify's context: the client IP, and `waitUntil` where there is one. */
export interface LeadFunctionContext {
  ip: string;
  waitUntil?: (promise: Promise<unknown>) => void;
}

/**
 * The lead endpoint as one warm instance runs it: the rate limiter, the memory of recent
 * submissions (for the repeated-body spam signal), the form rules and the database pool live as
 * long as the instance. The form rules come from `readFormRules` (the build's file, bundled with
 * the function), never from the request. Only the client IP is read from Netlify's context, so the
 * local server can host it as it is.
 */
export function createLeadEndpoint(options: {
  env: LeadIntakeEnv;
  queue: LeadQueue;
  readFormRules: () => Promise<unknown>;
  /** The build's no-JS error page templates by locale (bundled like the form rules). */
  readErrorPages?: () => Promise<unknown>;
  /** After a new lead is stored (not spam, not a repeat), with the invocation's context. */
  afterAccept?: (context: LeadFunctionContext, stored: EnqueueResult) => void;
  log?: (message: string) => void;
}) {
  const { env } = options;
  const rateLimiter = createRateLimiter({
    limit: env.rateLimitPerMinute,
    windowMs: LEAD_RATE_LIMIT.windowSize * 1000,
  });
  const recentBodies = createRecentBodies();
  const formRules = createFormRulesSource(options.readFormRules, options.log ?? console.error);
  const errorTemplates = createErrorTemplateSource(options.readErrorPages ?? (() => Promise.resolve({})));
  return (request: Request, context: LeadFunctionContext): Promise<Response> =>
    handleLeadRequest(request, {
      queue: options.queue,
      afterAccept: options.afterAccept && ((stored) => options.afterAccept?.(context, stored)),
      forms: () => formRules.load(),
      errorTemplate: errorTemplates,
      env,
      now: Date.now,
      clientIp: context.ip,
      rateLimiter,
      recentBodies,
    });
}
