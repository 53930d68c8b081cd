/** When the backlog will be clear, from what is queued and what was actually achieved recently. */
export type ClearsBy =
  | { state: 'clear' }
  | { state: 'clearing'; at: number; minutes: number }
  | { state: 'not-clearing'; netPerMinute: number };

export interface ClearsByInput {
  now: number;
  /** Leads queued now. */
  depth: number;
  /** Leads delivered per minute over the recent window (the pace achieved, not the configured one). */
  deliveredPerMinute: number;
  /** Leads entering the queue per minute over the same window (accepted, redriven, released). */
  intakePerMinute: number;
}

/**
 * "Backlog clears by HH:MM": the depth divided by the net drain (delivered minus arriving) per
 * minute. When intake keeps up with or outruns delivery, the backlog is not clearing at all.
 */
export function clearsBy({ now, depth, deliveredPerMinute, intakePerMinute }: ClearsByInput): ClearsBy {
  if (depth <= 0) return { state: 'clear' };
  const net = deliveredPerMinute - intakePerMinute;
  if (net <= 0) return { state: 'not-clearing', netPerMinute: net };
  const minutes = depth / net;
  return { state: 'clearing', at: now + Math.ceil(minutes * 60_000), minutes };
}

/** The ISO time the backlog clears, `now` when already clear, null when it is not clearing. */
export function clearsAtIso(estimate: ClearsBy, now: number): string | null {
  if (estimate.state === 'clear') return new Date(now).toISOString();
  return estimate.state === 'clearing' ? new Date(estimate.at).toISOString() : null;
}

/** "14:32" in UTC (the page says UTC beside it): operators across zones read the same time. */
export const hhmmUtc = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

/** The sentence the page and the alerts show. */
export function clearsBySentence(estimate: ClearsBy): string {
  if (estimate.state === 'clear') return 'Queue is clear';
  if (estimate.state === 'not-clearing')
    return 'Backlog not clearing: intake keeps up with or outruns delivery';
  return `Backlog clears by ${hhmmUtc(estimate.at)} UTC`;
}
