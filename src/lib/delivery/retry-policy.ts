import type { CrmOutcome } from '../crm/crm-sink.ts';
import { isRetryableOutcome } from '../http/retry-policy.ts';

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

/** Worth trying again: the site's one classification (src/lib/http/retry-policy.ts). */
export function isRetryable(status: CrmOutcome['status']): boolean {
  return isRetryableOutcome(status);
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
