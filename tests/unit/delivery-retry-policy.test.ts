import { describe, expect, it } from 'vitest';
import type { CrmOutcome } from '../../src/lib/crm/crm-sink.ts';
import { backoffMs, isRetryable, verdictFor, type RetryPolicy } from '../../src/lib/delivery/retry-policy.ts';

const policy: RetryPolicy = { maxAttempts: 5, baseMs: 1_000, maxMs: 60_000 };
const fail = (status: number | 'timeout' | 'network-error', retryAfterMs?: number): CrmOutcome => ({
  ok: false,
  status,
  detail: `failed: ${status}`,
  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
});

describe('retry policy', () => {
  it.each([500, 502, 503, 504, 408, 409, 429, 'timeout', 'network-error'] as const)(
    'retries %s',
    (status) => {
      expect(isRetryable(status)).toBe(true);
    },
  );

  it.each([400, 401, 403, 404, 410, 413, 422, 301, 302])('treats %s as permanent', (status) => {
    expect(isRetryable(status)).toBe(false);
  });

  it('backs off with full jitter: anywhere from 0 up to base·2^(attempt−1), capped', () => {
    expect(backoffMs(1, policy, () => 0)).toBe(0);
    expect(backoffMs(1, policy, () => 0.999_999)).toBe(999);
    expect(backoffMs(3, policy, () => 0.5)).toBe(2_000);
    expect(backoffMs(20, policy, () => 0.999_999)).toBe(59_999);
  });

  it('a success is delivered', () => {
    expect(verdictFor({ ok: true, status: 201 }, 1, policy, Math.random)).toEqual({ kind: 'delivered' });
  });

  it('a retryable failure is retried after the jittered backoff', () => {
    expect(verdictFor(fail(503), 2, policy, () => 0.25)).toEqual({ kind: 'retry', delayMs: 500 });
  });

  it('never retries sooner than Retry-After, but a longer backoff still wins', () => {
    expect(verdictFor(fail(429, 30_000), 1, policy, () => 0.5)).toEqual({ kind: 'retry', delayMs: 30_000 });
    expect(verdictFor(fail(503, 100), 5 - 1, policy, () => 0.5)).toEqual({ kind: 'retry', delayMs: 4_000 });
  });

  it('caps an absurd Retry-After at a day', () => {
    expect(verdictFor(fail(503, 10 * 86_400_000), 1, policy, () => 0)).toEqual({
      kind: 'retry',
      delayMs: 86_400_000,
    });
  });

  it('a permanent error is dead at once, with the CRM’s reason', () => {
    expect(verdictFor(fail(422), 1, policy, Math.random)).toEqual({
      kind: 'dead',
      reason: 'permanent error: failed: 422',
    });
  });

  it('the last allowed attempt failing is dead, naming the count and the last status', () => {
    expect(verdictFor(fail(503), 5, policy, Math.random)).toEqual({
      kind: 'dead',
      reason: 'gave up after 5 attempts (last: HTTP 503)',
    });
    expect(verdictFor(fail('timeout'), 5, policy, Math.random)).toMatchObject({
      reason: 'gave up after 5 attempts (last: timeout)',
    });
  });
});
