import type { RebuildStore } from './rebuild-store.ts';
import type { RebuildTiming } from './rebuild-timing.ts';
import { planWindows, type PlannedWindow } from './window-plan.ts';

/** List the store (three key listings, no record reads) and derive every window's state at `now`. */
export async function loadPlan(
  store: RebuildStore,
  now: number,
  timing: RebuildTiming,
): Promise<PlannedWindow[]> {
  const [events, sealed, built] = await Promise.all([
    store.listEventKeys(),
    store.listSealedWindows(),
    store.listBuiltWindowIds(),
  ]);
  return planWindows({ events, sealed, built, now, windowMs: timing.windowMs, graceMs: timing.graceMs });
}
