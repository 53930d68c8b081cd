import type { RebuildEvent, WindowClaim } from '../../schemas/webhook-records.ts';
import { callBuildHook, lastAttemptResult, type BuildHookRetryPolicy } from './build-hook-client.ts';
import { buildTitle } from './build-title.ts';
import { electClaim } from './claim-election.ts';
import { loadPlan } from './load-plan.ts';
import type { RebuildStore } from './rebuild-store.ts';
import type { RebuildTiming } from './rebuild-timing.ts';
import type { PlannedWindow } from './window-plan.ts';

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
  | { kind: 'nothing-due'; pending: number }
  | { kind: 'claimed-elsewhere'; windowId: string }
  | { kind: 'already-built'; windowId: string }
  | { kind: 'called'; windowId: string; covers: string[]; ok: boolean; title: string; attempts: number };

/** Built windows removed per run at most, so clean-up never eats the run's time limit. */
const MAX_FORGOTTEN_PER_RUN = 20;
/** Changes listed in the build hook body at most (Netlify passes it to the build as INCOMING_HOOK_BODY). */
const MAX_BODY_CHANGES = 100;

/**
 * One closer run: seal every due window, elect one closer for the newest of them and let it make a
 * single build hook call covering them all (a newer build includes every older change, so windows
 * whose call failed are retried by being covered). A failed call is recorded and logged and leaves
 * the windows due for the next run. Runs from the scheduled and the background function alike.
 */
export async function closeDueWindows(deps: CloseWindowsDeps): Promise<CloseOutcome> {
  const { store, timing } = deps;
  const plan = await loadPlan(store, deps.now(), timing);
  await forgetOldWindows(deps, plan);
  const due = plan.filter((window) => window.status === 'due');
  const target = due.at(-1);
  if (!target) return { kind: 'nothing-due', pending: plan.filter((w) => w.status !== 'built').length };

  const sealedAt = deps.now();
  await Promise.all(
    due
      .filter((window) => !window.sealed)
      .map(({ id, opensAt, closesAt, eventKeys }) =>
        store.sealWindow({ id, opensAt, closesAt, eventKeys, sealedAt }),
      ),
  );

  const claim = { windowId: target.id, claimantId: deps.newId(), claimedAt: deps.now() };
  await store.writeClaim(claim);
  await deps.sleep(timing.settleMs);
  const winner = electClaim(await store.listClaims(target.id), deps.now(), timing.leaseMs);
  if (winner?.claimantId !== claim.claimantId) {
    await store.deleteClaim(claim);
    return { kind: 'claimed-elsewhere', windowId: target.id };
  }
  if ((await store.listBuiltWindowIds()).has(target.id)) {
    await store.deleteClaim(claim);
    return { kind: 'already-built', windowId: target.id };
  }
  return callForWindows(deps, due, claim);
}

async function callForWindows(
  deps: CloseWindowsDeps,
  due: readonly PlannedWindow[],
  claim: WindowClaim,
): Promise<CloseOutcome> {
  const { windowId, claimantId } = claim;
  const events = await deps.store.readEvents(due.flatMap((window) => window.eventKeys));
  const title = buildTitle(events);
  const startedAt = deps.now();
  const result = await callBuildHook(
    { hookUrl: deps.hook.url, branch: deps.hook.branch, title, body: hookBody(due, events) },
    deps,
    deps.retry,
  );
  const covers = due.map((window) => window.id);
  const call = { windowId, covers, claimantId, startedAt, finishedAt: deps.now(), ok: result.ok };
  const callKey = await deps.store.writeCall({
    ...call,
    title,
    eventCount: events.length,
    attempts: result.attempts,
  });
  if (result.ok) {
    await Promise.all(
      covers.map((covered) => deps.store.markBuilt({ windowId: covered, callKey, builtAt: call.finishedAt })),
    );
  } else {
    // Free the window at once, so the next run (a minute later at most) tries again.
    await deps.store.deleteClaim(claim);
    const reason = lastAttemptResult(result.attempts) ?? 'no attempt made';
    (deps.logError ?? console.error)(
      `rebuild: build hook failed after ${result.attempts.length} attempts (${reason}); ` +
        `${covers.length} window(s) stay due and are retried on the next run: ${covers.join(', ')}`,
    );
  }
  return {
    kind: 'called',
    windowId,
    covers,
    ok: result.ok,
    title,
    attempts: result.attempts.length,
  };
}

function hookBody(due: readonly PlannedWindow[], events: readonly RebuildEvent[]) {
  return {
    source: 'floodgate-contentful-webhook',
    windows: due.map(({ id, opensAt, closesAt, eventKeys }) => ({
      id,
      opensAt,
      closesAt,
      events: eventKeys.length,
    })),
    changes: events.slice(0, MAX_BODY_CHANGES).map(({ topic, entityId, contentType, label }) => ({
      topic,
      entityId,
      contentType,
      label,
    })),
  };
}

async function forgetOldWindows(deps: CloseWindowsDeps, plan: readonly PlannedWindow[]): Promise<void> {
  const cutoff = deps.now() - deps.timing.retentionMs;
  const old = plan.filter((window) => window.status === 'built' && window.closesAt < cutoff);
  for (const window of old.slice(0, MAX_FORGOTTEN_PER_RUN)) {
    await deps.store.forgetWindow(window.id, window.eventKeys);
  }
}
