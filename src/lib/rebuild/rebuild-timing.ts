/** The timings of coalescing, in milliseconds. Only the window length is configuration. */
export interface RebuildTiming {
  /** How long a window stays open after its first event (`REBUILD_WINDOW_SECONDS`). */
  windowMs: number;
  /** How long after closing a window is left for event writes stamped before its close to land. */
  graceMs: number;
  /** How long a closer waits between writing its claim and reading everyone's (see claim-election.ts). */
  settleMs: number;
  /** How long a claim holds a window: longer than any closer can run (15 min for background functions). */
  leaseMs: number;
  /** Built windows older than this are deleted from the store. */
  retentionMs: number;
}

/** Production timings for a window of `windowMs`. A store write takes tens of milliseconds. */
export const rebuildTiming = (windowMs: number): RebuildTiming => ({
  windowMs,
  graceMs: 2_000,
  settleMs: 1_000,
  leaseMs: 20 * 60_000,
  retentionMs: 7 * 24 * 60 * 60_000,
});
