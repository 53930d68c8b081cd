import type { RebuildTiming } from './rebuild-timing.ts';

/** Netlify's limit for a synchronous function, the work it hands to `waitUntil` included. */
export const SYNCHRONOUS_FUNCTION_LIMIT_MS = 60_000;

/**
 * The longest a close takes once its window is due: one build hook call with all its retries
 * (under 20 s, see DEFAULT_BUILD_HOOK_RETRY) plus the claim and the bookkeeping around it.
 */
export const CLOSE_WORST_CASE_MS = 25_000;

/**
 * Where the closer for a window the webhook just opened runs. `webhook`: inside the webhook's own
 * invocation, kept alive by `waitUntil`, when the window plus a close fits the synchronous limit
 * (the default 30 s window does). `background`: a window that long needs the background
 * function's 15 minutes, so the webhook starts it over HTTP, the only way Netlify offers.
 */
export const closerPlacement = (timing: Pick<RebuildTiming, 'windowMs'>): 'webhook' | 'background' =>
  timing.windowMs + CLOSE_WORST_CASE_MS <= SYNCHRONOUS_FUNCTION_LIMIT_MS ? 'webhook' : 'background';
