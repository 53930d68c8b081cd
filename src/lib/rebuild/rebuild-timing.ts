/** The timings of coalescing, in milliseconds. Only the window length is configuration. */
export interface RebuildTiming {
  /** How long a window stays open after its first event (`REBUILD_WINDOW_SECONDS`). */
  windowMs: number;
  /** How long a claim holds a window: longer than any closer can run (15 min for background functions). */
  leaseMs: number;
  /** How long after a failed build hook call (itself retried 4 times) its windows are due again. */
  retryAfterMs: number;
  /** How long a closer pauses when a due window was held by someone else for an instant. */
  busyRetryMs: number;
  /** Built windows and calls older than this are deleted. */
  retentionMs: number;
}

/** Production timings for a window of `windowMs`. */
export const rebuildTiming = (windowMs: number): RebuildTiming => ({
  windowMs,
  leaseMs: 20 * 60_000,
  retryAfterMs: 30_000,
  busyRetryMs: 250,
  retentionMs: 7 * 24 * 60 * 60_000,
});
