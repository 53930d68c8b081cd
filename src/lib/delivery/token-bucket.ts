/**
 * A token bucket: tokens refill at `ratePerSecond` up to `burst`; each CRM call takes one. Pure:
 * the caller passes the time, and waits (or not) as told.
 */
export interface TokenBucket {
  /** Take a token at `now`: 0 when taken, otherwise the ms until one is due (nothing is taken). */
  take(now: number): number;
  /** Change rate and size (this worker's share changed); tokens held are kept, up to the new size. */
  resize(ratePerSecond: number, burst: number, now: number): void;
  /** Tokens available at `now` (fractional while refilling). */
  available(now: number): number;
}

/** A bucket that starts with `tokens` (default empty, so a fresh worker never adds a burst of its own). */
export function createTokenBucket(options: {
  ratePerSecond: number;
  burst: number;
  now: number;
  tokens?: number;
}): TokenBucket {
  let rate = options.ratePerSecond;
  let size = options.burst;
  let tokens = Math.min(options.tokens ?? 0, size);
  let updatedAt = options.now;
  const refill = (now: number) => {
    // Time never runs backwards for the bucket, even if a clock does.
    if (now > updatedAt) tokens = Math.min(size, tokens + ((now - updatedAt) * rate) / 1000);
    updatedAt = Math.max(updatedAt, now);
  };
  return {
    take(now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      // The epsilon keeps float dust (0.99 tokens → 1.0000000000000009 ms) from adding a whole ms.
      return Math.max(1, Math.ceil(((1 - tokens) * 1000) / rate - 1e-9));
    },
    resize(ratePerSecond, burst, now) {
      refill(now);
      rate = ratePerSecond;
      size = burst;
      tokens = Math.min(tokens, size);
    },
    available(now) {
      refill(now);
      return tokens;
    },
  };
}
