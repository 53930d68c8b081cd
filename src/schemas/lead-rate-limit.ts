/**
 * The lead endpoint's one rate limit: 10 posts per 60 s per client IP and site domain.
 *
 * In production Netlify enforces it at the edge, from the `rateLimit` in
 * netlify/functions/leads.mts, before the function runs (a 429 the function never sees). Netlify
 * reads function config statically, so that file must spell it as a literal; the in-code limiter
 * (`createRateLimiter`, for `npm start`, tests and any host without Netlify's edge) reads this
 * constant, and tests/unit/leads-rate-limit-config.test.ts fails when the two differ.
 * https://docs.netlify.com/build/functions/rate-limiting/
 */
export const LEAD_RATE_LIMIT = {
  windowLimit: 10,
  windowSize: 60,
  aggregateBy: ['ip', 'domain'],
} as const satisfies { windowLimit: number; windowSize: number; aggregateBy: readonly ('ip' | 'domain')[] };
