import type { SqlClient } from '../db/sql-client.ts';
import { readRebuildStatus } from '../rebuild/rebuild-status.ts';

/** Rebuilds as /ops/ and the `build-hook-failing` rule see them. */
export type RebuildFacts =
  | {
      /** The window collecting content events now, if any. */
      open: { opensAt: number; closesAt: number; events: number } | null;
      /** Windows waiting for a build hook call, or held by a closer / waiting to retry. */
      due: number;
      pending: number;
      /** The newest call failed and windows still wait for a build. */
      failing: boolean;
      lastCall: {
        startedAt: number;
        ok: boolean;
        title: string;
        attempts: number;
        lastResult: string;
      } | null;
    }
  | { error: string };

/** Read the open window and the newest build hook call (the indexed reads `rebuild:status` uses). */
export async function readRebuildFacts(db: SqlClient, now: number): Promise<RebuildFacts> {
  try {
    const status = await readRebuildStatus(db, { now, windowSeconds: 0, limit: 3 });
    const open = status.windows.find((window) => window.status === 'open');
    const call = status.calls[0];
    return {
      open: open ? { opensAt: open.opensAt, closesAt: open.closesAt, events: open.events } : null,
      due: status.due,
      pending: status.pending,
      failing: status.failing,
      lastCall: call
        ? {
            startedAt: call.startedAt,
            ok: call.ok,
            title: call.title,
            attempts: call.attempts,
            lastResult: call.lastResult,
          }
        : null,
    };
  } catch (error) {
    return { error: `unknown (${error instanceof Error ? error.name : 'error'})` };
  }
}
