import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/lib/leads/rate-limit.ts';

describe('createRateLimiter', () => {
  it('allows the limit within a window, then says when to retry', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 });
    expect([0, 10_000, 20_000].map((t) => limiter.check('a', t).allowed)).toEqual([true, true, true]);
    expect(limiter.check('a', 30_000)).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('slides: a request leaves the window a full window after it was made', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 });
    limiter.check('a', 0);
    limiter.check('a', 50_000);
    expect(limiter.check('a', 59_999).allowed).toBe(false);
    expect(limiter.check('a', 60_000)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(limiter.check('a', 60_001)).toEqual({ allowed: false, retryAfterSeconds: 50 });
  });

  it('refused requests do not extend the wait', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 });
    limiter.check('a', 0);
    for (let t = 1000; t < 60_000; t += 1000) limiter.check('a', t);
    expect(limiter.check('a', 60_000).allowed).toBe(true);
  });

  it('counts each key on its own', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 });
    expect(limiter.check('a', 0).allowed).toBe(true);
    expect(limiter.check('b', 0).allowed).toBe(true);
    expect(limiter.check('a', 1).allowed).toBe(false);
  });

  it('forgets the stalest keys beyond maxKeys', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2 });
    limiter.check('a', 0);
    limiter.check('b', 1);
    limiter.check('c', 2);
    expect(limiter.check('a', 3).allowed).toBe(true);
    expect(limiter.check('c', 4).allowed).toBe(false);
  });

  it('stays exact for a key that keeps a full window for a long time', () => {
    const limiter = createRateLimiter({ limit: 100, windowMs: 1000 });
    // One hit every 10 ms fills the window exactly: always allowed, however long it goes on.
    for (let now = 0; now < 20_000; now += 10) expect(limiter.check('office-nat', now).allowed).toBe(true);
    // One more inside the same window is one too many.
    expect(limiter.check('office-nat', 19_995)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
