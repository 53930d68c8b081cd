import type { RebuildEvent } from '../../schemas/webhook-records.ts';
import { callBuildHook, lastAttemptResult, type BuildHookRetryPolicy } from './build-hook-client.ts';
import { buildTitle } from './build-title.ts';
import type { ClaimedWindow, RebuildStore } from './rebuild-store.ts';
import type { RebuildTiming } from './rebuild-timing.ts';

/** Everything a closer run needs, passed in so tests control time, ids and the network. */
export interface CloseWindowsDeps {
  store: RebuildStore;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  newId: () => string;
  fetch: typeof globalThis.fetch;
  hook: { url: string; branch?: string };
  timing: RebuildTiming;
  retry?: BuildHookRetryPolicy;
  /** Where a failed build request is reported (the function log). */
  logError?: (message: string) => void;
}

/** What one closer run did. */
export type CloseOutcome =
  | { kind: 'nothing-due' }
  | { kind: 'called'; covers: string[]; ok: boolean; title: string; attempts: number };

/** Windows one call covers at most; more wait for the next run. */
const MAX_WINDOWS_PER_CALL = 100;
/** Events read for the title and body at most (the title names a handful; the body lists 100). */
const MAX_EVENTS_READ = 1_000;
/** Changes listed in the build hook body at most (Netlify passes it to the build as INCOMING_HOOK_BODY). */
const MAX_BODY_CHANGES = 100;
/** Built windows and calls forgotten per successful call at most, so clean-up stays short. */
const MAX_FORGOTTEN_PER_RUN = 20;

/**
 * One closer run: take every due window with one atomic claim (no other closer can take them while
 * the lease lasts) and make a single build hook call covering them all, since a newer build includes
 * every older change. A failed call is recorded and logged and leaves the windows due again after
 * `retryAfterMs`. Runs from the scheduled and the background function alike.
 */
export async function closeDueWindows(deps: CloseWindowsDeps): Promise<CloseOutcome> {
  const { store, timing } = deps;
  const leaseToken = deps.newId();
  const claimed = await store.claimDue({
    now: deps.now(),
    leaseMs: timing.leaseMs,
    token: leaseToken,
    limit: MAX_WINDOWS_PER_CALL,
  });
  if (claimed.length === 0) return { kind: 'nothing-due' };

  const covers = claimed.map((window) => window.id);
  const { events, total } = await store.eventsOf(covers, MAX_EVENTS_READ);
  const title = buildTitle(events);
  const startedAt = deps.now();
  const result = await callBuildHook(
    { hookUrl: deps.hook.url, branch: deps.hook.branch, title, body: hookBody(claimed, events, total) },
    deps,
    deps.retry,
  );
  const finishedAt = deps.now();
  await store.settle({
    id: deps.newId(),
    windowIds: covers,
    leaseToken,
    startedAt,
    finishedAt,
    ok: result.ok,
    title,
    eventCount: total,
    attempts: result.attempts,
    retryAt: finishedAt + timing.retryAfterMs,
  });
  if (result.ok) {
    await store.purge(finishedAt - timing.retentionMs, MAX_FORGOTTEN_PER_RUN);
  } else {
    const reason = lastAttemptResult(result.attempts) ?? 'no attempt made';
    (deps.logError ?? console.error)(
      `rebuild: build hook failed after ${result.attempts.length} attempts (${reason}); ` +
        `${covers.length} window(s) are due again in ${timing.retryAfterMs / 1000} s: ${covers.join(', ')}`,
    );
  }
  return { kind: 'called', covers, ok: result.ok, title, attempts: result.attempts.length };
}

function hookBody(windows: readonly ClaimedWindow[], events: readonly RebuildEvent[], total: number) {
  return {
    source: 'floodgate-contentful-webhook',
    windows: windows.map(({ id, opensAt, closesAt }) => ({ id, opensAt, closesAt })),
    events: total,
    changes: events.slice(0, MAX_BODY_CHANGES).map(({ topic, entityId, contentType, label }) => ({
      topic,
      entityId,
      contentType,
      label,
    })),
  };
}
