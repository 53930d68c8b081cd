import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/lib/crm/retry-after.ts';

const now = Date.parse('2026-11-20T12:00:00Z');

describe('Retry-After', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, and a past date as now', () => {
    expect(parseRetryAfter('Fri, 20 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [null, '', '-5', '1.5', 'soon', '12345678901']) {
      expect(parseRetryAfter(value, now), String(value)).toBeUndefined();
    }
  });
});
