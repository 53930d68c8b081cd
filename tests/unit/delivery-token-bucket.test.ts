import { describe, expect, it } from 'vitest';
import { createTokenBucket } from '../../src/lib/delivery/token-bucket.ts';

describe('token bucket', () => {
  it('starts empty and hands out the first token after one interval', () => {
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 5, now: 0 });
    expect(bucket.take(0)).toBe(100);
    expect(bucket.take(99)).toBe(1);
    expect(bucket.take(100)).toBe(0);
    expect(bucket.take(100)).toBe(100);
  });

  it('refills up to the burst size and no further', () => {
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 3, now: 0 });
    expect(bucket.available(60_000)).toBe(3);
    expect([bucket.take(60_000), bucket.take(60_000), bucket.take(60_000)]).toEqual([0, 0, 0]);
    expect(bucket.take(60_000)).toBe(100);
  });

  it('paces a caller that wakes late at the rate all the same, given room for the lateness', () => {
    const bucket = createTokenBucket({ ratePerSecond: 7, burst: 5, now: 0 });
    let now = 0;
    let taken = 0;
    while (now <= 10_000) {
      const wait = bucket.take(now);
      if (wait === 0) taken += 1;
      // 50 ms late every time (a busy event loop): the refill counts real elapsed time, so the
      // tokens are not lost; a naive "one call per interval" would manage only about 52.
      else now += wait + 50;
    }
    expect(taken).toBeGreaterThanOrEqual(69);
    expect(taken).toBeLessThanOrEqual(71);
  });

  it('keeps its tokens when resized, capped to the new size', () => {
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 10, now: 0, tokens: 10 });
    bucket.resize(5, 4, 0);
    expect(bucket.available(0)).toBe(4);
    bucket.take(0);
    expect(bucket.available(200)).toBeCloseTo(4, 5);
    expect(bucket.available(100)).toBeCloseTo(4, 5);
  });

  it('gives nothing for a clock that runs backwards', () => {
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 10, now: 1_000 });
    expect(bucket.available(500)).toBe(0);
    expect(bucket.take(1_100)).toBe(0);
  });
});
