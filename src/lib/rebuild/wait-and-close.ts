import { closeDueWindows, type CloseOutcome, type CloseWindowsDeps } from './close-windows.ts';

/** A background function may run 15 minutes; stop well before that and leave the rest to the schedule. */
export const MAX_BACKGROUND_RUN_MS = 12 * 60_000;

/**
 * A closer that waits: sleep until the next window is due, close it, and go on until nothing is
 * left to do within `runMs` (no close starts later than that). Run by the webhook whose event opened
 * a window, in its own invocation or in the background function (see closer-placement.ts), so the build is
 * requested `REBUILD_WINDOW_SECONDS` after the first publish rather than at the next scheduled run,
 * and a failed call is retried `retryAfterMs` later. A window another closer holds is due only when
 * that closer's lease ends (past this run), so racing closers stop instead of waiting for each other.
 */
export async function waitAndClose(
  deps: CloseWindowsDeps,
  runMs = MAX_BACKGROUND_RUN_MS,
): Promise<CloseOutcome[]> {
  const deadline = deps.now() + runMs;
  const outcomes: CloseOutcome[] = [];
  let pauseMs = 0;
  for (;;) {
    const next = await deps.store.nextDueAt();
    if (next === undefined || next > deadline) return outcomes;
    await deps.sleep(Math.max(next - deps.now(), pauseMs));
    const outcome = await closeDueWindows(deps);
    outcomes.push(outcome);
    // Due but not claimed: a webhook or another closer held the row this instant. Try again shortly.
    pauseMs = outcome.kind === 'nothing-due' ? deps.timing.busyRetryMs : 0;
  }
}
