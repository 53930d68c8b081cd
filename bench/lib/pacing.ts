/**
 * Open-loop pacing for fixed-rate phases: request `i` (from 0) is due at `startMs + i × 1000 / rate`,
 * whatever the answers before it did. A slow server therefore shows as latency (measured from the
 * due time, so waiting for a free connection counts) instead of as a lower rate nobody asked for.
 */
export function dueCount(startMs: number, nowMs: number, ratePerSecond: number, total: number): number {
  if (nowMs < startMs) return 0;
  return Math.min(total, Math.floor(((nowMs - startMs) * ratePerSecond) / 1000) + 1);
}

/** When request `index` is due. */
export const dueAt = (startMs: number, index: number, ratePerSecond: number): number =>
  startMs + (index * 1000) / ratePerSecond;

/** The rate a phase achieved: answers over the time from the first due request to the last answer. */
export function achievedRate(answered: number, startMs: number, lastAnswerMs: number): number {
  const seconds = (lastAnswerMs - startMs) / 1000;
  return seconds > 0 ? answered / seconds : 0;
}

/** The `q` quantile (0–1) of `values` (nearest rank); 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}
