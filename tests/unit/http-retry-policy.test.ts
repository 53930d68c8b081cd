import { describe, expect, it } from 'vitest';
import { isRetryable } from '../../src/lib/delivery/retry-policy.ts';
import { isRetryableOutcome } from '../../src/lib/http/retry-policy.ts';

const retried = [500, 502, 503, 504, 599, 408, 409, 429, 'timeout', 'network-error'] as const;
const final = [200, 201, 301, 302, 304, 400, 401, 403, 404, 405, 410, 413, 415, 422] as const;

describe('the one retry policy', () => {
  it.each(retried)('retries %s', (status) => {
    expect(isRetryableOutcome(status)).toBe(true);
  });

  it.each(final)('does not retry %s', (status) => {
    expect(isRetryableOutcome(status)).toBe(false);
  });

  it('is the one the delivery worker applies', () => {
    for (const status of [...retried, ...final]) expect(isRetryable(status)).toBe(isRetryableOutcome(status));
  });
});
