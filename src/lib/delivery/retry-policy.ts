import type { CrmOutcome } from '../crm/crm-sink.ts';

/** `LEADS_DELIVERY_MAX_ATTEMPTS` and the backoff curve. */
export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/** What to do with a lead after one call. */
export type Verdict =
  { kind: 'delivered' } | { kind: 'retry'; delayMs: number } | { kind: 'dead'; reason: string };

// A Retry-After beyond a day is more likely a bug than a plan; the lead is tried again after a day.
const maxRetryAfterMs = 86_400_000;

/**
 * Worth trying again: no answer (network error, timeout), 5xx, and the 4xx that mean "not now"
 * rather than "never": 408 Request Timeout, 409 Conflict (a receiver still busy with the same
 * Idempotency-Key), 429 Too Many Requests. Any other 4xx (and 3xx) will not change by retrying.
 */
export function isRetryable(status: CrmOutcome['status']): boolean {
  if (typeof status !== 'number') return true;
  return status >= 500 || status === 408 || status === 409 || status === 429;
}

/**
 * Exponential backoff with full jitter: a uniformly random wait up to base·2^(attempt−1), capped.
 * Full jitter spreads the retries of many leads that failed together (AWS Architecture Blog,
 * "Exponential Backoff And Jitter").
 */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** The verdict on `attempt` (1-based) of a lead: delivered, retry after a delay, or dead and why. */
export function verdictFor(
  outcome: CrmOutcome,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): Verdict {
  if (outcome.ok) return { kind: 'delivered' };
  const last = typeof outcome.status === 'number' ? `HTTP ${outcome.status}` : outcome.status;
  if (!isRetryable(outcome.status)) return { kind: 'dead', reason: `permanent error: ${outcome.detail}` };
  if (attempt >= policy.maxAttempts) {
    return { kind: 'dead', reason: `gave up after ${attempt} attempts (last: ${last})` };
  }
  // The CRM's own Retry-After wins over a shorter jittered wait: never call back sooner than asked.
  const asked = Math.min(outcome.retryAfterMs ?? 0, maxRetryAfterMs);
  return { kind: 'retry', delayMs: Math.max(backoffMs(attempt, policy, random), asked) };
}
