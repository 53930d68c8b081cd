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
  /** One key's hits, oldest first, from `start` on: a queue that never moves the array per request. */
  interface Log {
    times: number[];
    start: number;
  }
  const logs = new Map<string, Log>();
  return {
    check(key, now) {
      const log = logs.get(key) ?? { times: [], start: 0 };
      // Expired hits leave from the front; this runs on every lead post, so it must stay O(1)
      // amortised even for a key (a busy office's NAT) with thousands of hits in the window.
      while (log.start < log.times.length && (log.times[log.start] ?? now) <= now - windowMs) log.start += 1;
      if (log.start > 64 && log.start * 2 > log.times.length) {
        log.times = log.times.slice(log.start);
        log.start = 0;
      }
      logs.delete(key);
      // Re-inserting keeps the Map in least-recently-seen order, so the first key is the stalest.
      logs.set(key, log);
      if (logs.size > maxKeys) logs.delete(logs.keys().next().value ?? key);
      if (log.times.length - log.start >= limit) {
        const oldest = log.times[log.start] ?? now;
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)),
        };
      }
      log.times.push(now);
      return { allowed: true, retryAfterSeconds: 0 };
    },
  };
}
