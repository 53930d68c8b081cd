/** The limiter's answer for one request. */
export interface RateDecision {
  allowed: boolean;
  /** Seconds until the next request from this key would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

/** A per-key limiter; `now` is passed on every call so tests control time. */
export interface RateLimiter {
  check(key: string, now: number): RateDecision;
}

/** Limiter settings, named after the Netlify config they mirror. */
export interface RateLimitOptions {
  /** Requests allowed per key within one window (Netlify `rateLimit.windowLimit`). */
  limit: number;
  /** Window length in ms (Netlify `rateLimit.windowSize`, in seconds there). */
  windowMs: number;
  /** Keys tracked at most; beyond it the stalest are forgotten so memory stays bounded. */
  maxKeys?: number;
}

/**
 * A sliding-window log limiter, in memory. It mirrors the function's Netlify `rateLimit` config
 * (which answers at the edge in production) so `npm start` and tests see the same 429s.
 * https://docs.netlify.com/build/functions/rate-limiting/
 */
export function createRateLimiter({ limit, windowMs, maxKeys = 10_000 }: RateLimitOptions): RateLimiter {
  const hits = new Map<string, number[]>();
  return {
    check(key, now) {
      const recent = (hits.get(key) ?? []).filter((at) => at > now - windowMs);
      hits.delete(key);
      if (recent.length >= limit) {
        hits.set(key, recent);
        const oldest = recent[0] ?? now;
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)),
        };
      }
      recent.push(now);
      // Re-inserting keeps the Map in least-recently-seen order, so the first key is the stalest.
      hits.set(key, recent);
      if (hits.size > maxKeys) hits.delete(hits.keys().next().value ?? key);
      return { allowed: true, retryAfterSeconds: 0 };
    },
  };
}
