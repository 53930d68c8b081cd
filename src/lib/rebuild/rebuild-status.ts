import type { BuildCall, RebuildEvent } from '../../schemas/webhook-records.ts';
import { lastAttemptResult } from './build-hook-client.ts';
import { loadPlan } from './load-plan.ts';
import type { RebuildStore, StoredBuildCall } from './rebuild-store.ts';
import type { RebuildTiming } from './rebuild-timing.ts';
import type { WindowStatus } from './window-plan.ts';

/** One window as `rebuild:status` shows it. */
export interface WindowRow {
  id: string;
  opensAt: number;
  closesAt: number;
  status: WindowStatus;
  events: number;
  failedCalls: number;
}

/** One build hook call as `rebuild:status` shows it. */
export interface CallRow extends Omit<BuildCall, 'attempts'> {
  attempts: number;
  /** `HTTP 200`, `HTTP 503`, or the network error of the last attempt. */
  lastResult: string;
}

/** Everything `npm run rebuild:status` prints, newest first. */
export interface RebuildStatus {
  at: number;
  windowSeconds: number;
  due: number;
  open: number;
  /** The newest call failed and windows wait for a retry. */
  failing: boolean;
  windows: WindowRow[];
  calls: CallRow[];
  events: RebuildEvent[];
}

const callRow = ({ call }: StoredBuildCall): CallRow => ({
  ...call,
  attempts: call.attempts.length,
  lastResult: lastAttemptResult(call.attempts) ?? 'no attempt',
});

/** Read the recent windows, build hook calls and events, `limit` of each at most. */
export async function readRebuildStatus(
  store: RebuildStore,
  options: { now: number; timing: RebuildTiming; limit: number },
): Promise<RebuildStatus> {
  const [plan, calls] = await Promise.all([loadPlan(store, options.now, options.timing), store.listCalls()]);
  // The plan holds every listed event key once; zero-padded times make the plain sort chronological.
  const recentKeys = plan
    .flatMap((window) => window.eventKeys)
    .sort()
    .slice(-options.limit);
  const events = (await store.readEvents(recentKeys)).sort((a, b) => b.receivedAt - a.receivedAt);
  const failedCalls = (windowId: string) =>
    calls.filter(({ call }) => !call.ok && call.covers.includes(windowId)).length;
  const count = (status: WindowStatus) => plan.filter((window) => window.status === status).length;
  const due = count('due');
  const newestCall = calls.at(-1)?.call;
  return {
    at: options.now,
    windowSeconds: options.timing.windowMs / 1000,
    due,
    open: count('open') + count('closing'),
    failing: newestCall !== undefined && !newestCall.ok && due > 0,
    windows: plan
      .slice(-options.limit)
      .reverse()
      .map(({ id, opensAt, closesAt, status, eventKeys }) => ({
        id,
        opensAt,
        closesAt,
        status,
        events: eventKeys.length,
        failedCalls: failedCalls(id),
      })),
    calls: calls.slice(-options.limit).reverse().map(callRow),
    events,
  };
}
