import { describe, expect, it } from 'vitest';
import { bucketUpperSeconds, percentileSeconds, summarizeTimeToCrm } from '../../src/lib/ops/time-to-crm.ts';

const totals = (buckets: Record<number, number>, maxMs: number, sumMs = 0) => {
  const count = Object.values(buckets).reduce((sum, n) => sum + n, 0);
  return { count, sumMs, maxMs, buckets: new Map(Object.entries(buckets).map(([b, n]) => [Number(b), n])) };
};

describe('time to CRM from log-2 buckets', () => {
  it('bucket b holds up to 2^b seconds', () => {
    expect([0, 1, 7, 20, 25].map(bucketUpperSeconds)).toEqual([1, 2, 128, 1_048_576, 1_048_576]);
  });

  it('p50 and p95 are the upper bounds of the buckets holding them', () => {
    // 90 deliveries within 2 s, 10 within 64 s.
    const summary = summarizeTimeToCrm(totals({ 1: 90, 6: 10 }, 60_000, 400_000));
    expect(summary).toEqual({ count: 100, meanSeconds: 4, p50Seconds: 2, p95Seconds: 60, maxSeconds: 60 });
  });

  it('never reports a percentile above the observed maximum', () => {
    expect(percentileSeconds(totals({ 7: 3 }, 70_000), 0.5)).toBe(70);
  });

  it('nothing delivered: no figures rather than zeros', () => {
    expect(summarizeTimeToCrm(totals({}, 0))).toEqual({
      count: 0,
      meanSeconds: null,
      p50Seconds: null,
      p95Seconds: null,
      maxSeconds: null,
    });
  });
});
