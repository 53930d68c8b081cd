/**
 * How many CRM calls a worker keeps in flight: what the pace needs, pace × the CRM's observed
 * latency (Little's law), with headroom for latency jitter, never above the configured ceiling
 * (`LEADS_DELIVERY_CONCURRENCY`) and never below one. A CRM answering in 200 ms at a pace of
 * 500/s needs about 100 calls in flight; at 10/s, two.
 */
export interface DeliveryConcurrency {
  /** Calls allowed in flight now. */
  limit(): number;
  /** One call's latency, from its start to its answer (or timeout). */
  observe(latencyMs: number): void;
  /** The latency the limit is sized by (a moving average of observed ones). */
  latencyMs(): number;
}

/** Room above pace × latency, so a latency spike does not at once slow the pace. */
const headroom = 1.5;
/** Weight of the newest observation in the moving average (about the last 10 calls). */
const smoothing = 0.1;
/** Before the first answer: assume a slow CRM, so the first second is not starved. */
const initialLatencyMs = 1_000;

export function createDeliveryConcurrency(options: {
  ratePerSecond: number;
  ceiling: number;
  initialLatencyMs?: number;
}): DeliveryConcurrency {
  let latency = options.initialLatencyMs ?? initialLatencyMs;
  return {
    limit: () => concurrencyFor(options.ratePerSecond, latency, options.ceiling),
    observe(latencyMs) {
      latency += smoothing * (Math.max(0, latencyMs) - latency);
    },
    latencyMs: () => latency,
  };
}

/** pace × latency × headroom, rounded up, between 1 and `ceiling`. */
export function concurrencyFor(ratePerSecond: number, latencyMs: number, ceiling: number): number {
  const needed = Math.ceil((ratePerSecond * latencyMs * headroom) / 1000);
  return Math.max(1, Math.min(ceiling, needed));
}
