import type { BuildHookAttempt } from '../../schemas/webhook-records.ts';
import { isRetryableOutcome } from '../http/retry-policy.ts';

/** How hard to try one build hook call. Sized to fit a scheduled function's 30 s limit. */
export interface BuildHookRetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

/** 4 tries, waiting 0.5, 1 and 2 s between them, 4 s each at most: under 20 s in the worst case. */
export const DEFAULT_BUILD_HOOK_RETRY: BuildHookRetryPolicy = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 4_000,
  timeoutMs: 4_000,
};

/** One build request: the hook, an optional branch, the deploy title and a JSON body for the build. */
export interface BuildHookRequest {
  hookUrl: string;
  branch?: string;
  title: string;
  /** Netlify hands the body to the build as INCOMING_HOOK_BODY. */
  body: unknown;
}

/** What the client needs from the outside world. */
export interface BuildHookDeps {
  fetch: typeof globalThis.fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** The outcome of a call: whether Netlify accepted it, and every attempt made. */
export interface BuildHookResult {
  ok: boolean;
  attempts: BuildHookAttempt[];
}

/** How the last attempt ended: `HTTP 503`, or why no answer came; undefined when none was made. */
export function lastAttemptResult(attempts: readonly BuildHookAttempt[]): string | undefined {
  const last = attempts.at(-1);
  return last?.status !== undefined ? `HTTP ${last.status}` : last?.error;
}

const describeError = (error: unknown, timeoutMs: number): string => {
  if (error instanceof DOMException && error.name === 'TimeoutError')
    return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return typeof cause?.code === 'string' ? `${message} (${cause.code})` : message;
};

/**
 * POST to a Netlify build hook with `trigger_title` (and `trigger_branch`), retrying network
 * failures, timeouts and the statuses `isRetryableOutcome` names, with exponential backoff.
 * https://docs.netlify.com/configure-builds/build-hooks/
 */
export async function callBuildHook(
  request: BuildHookRequest,
  deps: BuildHookDeps,
  policy: BuildHookRetryPolicy = DEFAULT_BUILD_HOOK_RETRY,
): Promise<BuildHookResult> {
  const url = new URL(request.hookUrl);
  url.searchParams.set('trigger_title', request.title);
  if (request.branch) url.searchParams.set('trigger_branch', request.branch);
  const attempts: BuildHookAttempt[] = [];
  for (let attempt = 1; attempt <= policy.attempts; attempt += 1) {
    if (attempt > 1) await deps.sleep(Math.min(policy.baseDelayMs * 2 ** (attempt - 2), policy.maxDelayMs));
    const at = deps.now();
    try {
      const response = await deps.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request.body),
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      await response.body?.cancel();
      attempts.push({ at, ms: deps.now() - at, status: response.status });
      if (response.ok) return { ok: true, attempts };
      if (!isRetryableOutcome(response.status)) return { ok: false, attempts };
    } catch (error) {
      attempts.push({ at, ms: deps.now() - at, error: describeError(error, policy.timeoutMs) });
    }
  }
  return { ok: false, attempts };
}
