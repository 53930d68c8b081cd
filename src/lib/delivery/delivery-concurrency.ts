/**
 * How many CRM calls a worker keeps in flight: what the pace needs, pace × the CRM's observed
 * latency (Little's law) with headroom for jitter, never above the configured ceiling
 * (`LEADS_DELIVERY_CONCURRENCY`). A CRM answering in 200 ms at a pace of 500/s needs about 100 calls
 * in flight; at 10/s, two.
 *
 * Latency alone would feed an overload: a CRM that slows down because of our own calls would get
 * more calls, and slow down further. So the latency sized by is the CRM's unloaded one (the lowest
 * seen, drifting slowly up to the average so a CRM that really got slower is followed), at most
 * twice that; and the limit grows only as calls succeed (one more per answered call) and halves
 * on each failure (a timeout, 5xx, 429): additive increase, multiplicative decrease, as TCP does.
 * It starts from what the pace sends in 50 ms (at least 4 calls): a window of 4 doubling per round
 * trip took six round trips to reach 2,000/s × 100 ms, and the tokens it could not use meanwhile
 * lapsed (about 950 leads, 5 % of a 10 s window, bench:lanes); from 100 calls it takes one. At most
 * that many calls meet a CRM that turns out to be down before failures halve the window.
 */
export interface DeliveryConcurrency {
  /** Calls allowed in flight now. */
  limit(): number;
  /** One call's latency, from its start to its answer, and whether the CRM answered sanely. */
  observe(latencyMs: number, answered: boolean): void;
  /** The latency the limit is sized by: the average of answered calls, at most twice the unloaded one. */
  latencyMs(): number;
}

/** Room above pace × latency, so a latency spike does not at once slow the pace. */
const headroom = 1.5;
/** Weight of the newest observation in the moving average (about the last 10 calls). */
const smoothing = 0.1;
/** Before the first answer: assume a slow CRM, so pace × latency does not starve the first second. */
const initialLatencyMs = 1_000;
/** Calls in flight at least (unless the ceiling is lower, or failures halved the window). */
const minimumInFlight = 2;
/** Calls in flight before any has succeeded: at least this many… */
const initialWindow = 4;
/** …or what the pace sends in this long (a fast CRM's round trip), whichever is more. */
const initialWindowMs = 50;
/** How fast the unloaded latency drifts up towards the average (per answered call). */
const drift = 0.001;

export function createDeliveryConcurrency(options: {
  ratePerSecond: number;
  ceiling: number;
  initialLatencyMs?: number;
}): DeliveryConcurrency {
  let average = options.initialLatencyMs ?? initialLatencyMs;
  let unloaded = Infinity;
  let window = Math.min(
    options.ceiling,
    Math.max(initialWindow, Math.ceil((options.ratePerSecond * initialWindowMs) / 1000)),
  );
  const sizedBy = () => Math.min(average, 2 * unloaded);
  return {
    limit: () =>
      Math.max(
        1,
        Math.min(Math.floor(window), concurrencyFor(options.ratePerSecond, sizedBy(), options.ceiling)),
      ),
    observe(latencyMs, answered) {
      if (!answered) {
        window = Math.max(1, window / 2);
        return;
      }
      const sample = Math.max(0, latencyMs);
      average += smoothing * (sample - average);
      unloaded = Math.min(sample, unloaded === Infinity ? sample : unloaded + drift * (average - unloaded));
      window = Math.min(options.ceiling, window + 1);
    },
    latencyMs: sizedBy,
  };
}

/**
 * pace × latency × headroom, rounded up, between 2 and `ceiling`: with a CRM answering at once one
 * call may still be finishing while the next token arrives, and that call must not wait for it.
 */
export function concurrencyFor(ratePerSecond: number, latencyMs: number, ceiling: number): number {
  // The epsilon keeps float dust from a converging average (30.000000001) from adding a call.
  const needed = Math.ceil((ratePerSecond * latencyMs * headroom) / 1000 - 1e-6);
  return Math.max(Math.min(minimumInFlight, ceiling), Math.min(ceiling, needed));
}
