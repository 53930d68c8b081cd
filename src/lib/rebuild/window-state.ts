/**
 * A rebuild window's life, named in one place (the `state` column of `rebuild_windows`,
 * netlify/database/migrations/0003_rebuild.sql, checks the same names):
 *
 *   open ──(a later event finds it closed)──▶ due ──┐
 *     └──────────(a closer, at closesAt)────────────┴─▶ claimed ──(hook accepts)──▶ built
 *                                                        ▲   └──(hook fails)──▶ failed
 *                                                        └────(at its retry time)───┘
 *
 * Each arrow is one SQL statement (src/lib/rebuild/rebuild-sql.ts). A claimed window whose closer
 * died is claimable again once its lease ends: at worst one extra build, never a lost one.
 */
export const WINDOW_STATE = {
  /** Collecting events until `closesAt`; at most one window is open. */
  open: 'open',
  /** Closed and waiting for a closer. */
  due: 'due',
  /** A closer holds a lease on it and is calling the build hook. */
  claimed: 'claimed',
  /** The last call failed; due again at its retry time. */
  failed: 'failed',
  /** A build hook call covering it was accepted. */
  built: 'built',
} as const;

export type WindowState = (typeof WINDOW_STATE)[keyof typeof WINDOW_STATE];

/** How `rebuild:status` describes a window at a moment: its state, or `due` once a closer may take it. */
export type WindowStatus = 'open' | 'due' | 'building' | 'retrying' | 'built';

/** A window's status at `now` from its stored state and the time a closer may take it. */
export function windowStatusAt(state: WindowState, dueAt: number | undefined, now: number): WindowStatus {
  if (state === WINDOW_STATE.built) return 'built';
  if (dueAt !== undefined && dueAt <= now) return 'due';
  if (state === WINDOW_STATE.claimed) return 'building';
  if (state === WINDOW_STATE.failed) return 'retrying';
  return state === WINDOW_STATE.open ? 'open' : 'due';
}
