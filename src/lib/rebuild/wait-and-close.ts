import { closeDueWindows, type CloseOutcome, type CloseWindowsDeps } from './close-windows.ts';
import { loadPlan } from './load-plan.ts';

/** A background function may run 15 minutes; stop waiting well before that and leave the rest to the schedule. */
const MAX_BACKGROUND_WAIT_MS = 12 * 60_000;

/**
 * The background closer: wait until every window open now has closed (plus the grace), then close
 * due windows. Started by the webhook whose event opened a window, so the build is requested
 * `REBUILD_WINDOW_SECONDS` after the first publish rather than at the next scheduled minute.
 */
export async function waitAndClose(deps: CloseWindowsDeps): Promise<CloseOutcome> {
  const plan = await loadPlan(deps.store, deps.now(), deps.timing);
  const waiting = plan.filter((window) => window.status === 'open' || window.status === 'closing');
  const wakeAt = Math.max(...waiting.map((window) => window.closesAt + deps.timing.graceMs), deps.now());
  await deps.sleep(Math.min(wakeAt - deps.now(), MAX_BACKGROUND_WAIT_MS));
  return closeDueWindows(deps);
}
