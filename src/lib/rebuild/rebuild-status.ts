import { z } from 'zod';
import type { SqlClient } from '../db/sql-client.ts';
import { BuildHookAttemptSchema, type RebuildEvent } from '../../schemas/webhook-records.ts';
import { lastAttemptResult } from './build-hook-client.ts';
import { eventOfRow, type EventRow } from './event-row.ts';
import * as sql from './rebuild-sql.ts';
import { windowStatusAt, type WindowState, type WindowStatus } from './window-state.ts';

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
export interface CallRow {
  id: string;
  covers: string[];
  startedAt: number;
  finishedAt: number;
  ok: boolean;
  title: string;
  eventCount: number;
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
  /** Windows a closer is building, or whose failed call is retried later. */
  pending: number;
  /** The newest call failed and windows wait for a retry. */
  failing: boolean;
  windows: WindowRow[];
  calls: CallRow[];
  events: RebuildEvent[];
}

const AttemptsSchema = z.array(BuildHookAttemptSchema);
const ms = (date: Date) => date.getTime();

/** Read counts and the newest windows, build hook calls and events (`limit` of each): five indexed reads. */
export async function readRebuildStatus(
  db: SqlClient,
  options: { now: number; windowSeconds: number; limit: number },
): Promise<RebuildStatus> {
  const { now, limit } = options;
  const [counts, windows, calls, events] = await Promise.all([
    db.query<{ due: number; open: number; pending: number }>(sql.countsSql, [new Date(now)]),
    db.query<{
      id: string;
      state: WindowState;
      opens_at: Date;
      closes_at: Date;
      due_at: Date | null;
      failed_calls: number;
      events: number;
    }>(sql.recentWindowsSql, [limit]),
    db.query<{
      id: string;
      window_ids: string[];
      started_at: Date;
      finished_at: Date;
      ok: boolean;
      title: string;
      event_count: number;
      attempts: unknown;
    }>(sql.recentCallsSql, [limit]),
    db.query<EventRow>(sql.recentEventsSql, [limit]),
  ]);
  const callRows = calls.rows.map((call): CallRow => {
    const attempts = AttemptsSchema.parse(call.attempts);
    return {
      id: call.id,
      covers: call.window_ids,
      startedAt: ms(call.started_at),
      finishedAt: ms(call.finished_at),
      ok: call.ok,
      title: call.title,
      eventCount: call.event_count,
      attempts: attempts.length,
      lastResult: lastAttemptResult(attempts) ?? 'no attempt',
    };
  });
  const { due, open, pending } = counts.rows[0] ?? { due: 0, open: 0, pending: 0 };
  return {
    at: now,
    windowSeconds: options.windowSeconds,
    due,
    open,
    pending,
    failing: callRows[0]?.ok === false && due + pending > 0,
    windows: windows.rows.map((window) => ({
      id: window.id,
      opensAt: ms(window.opens_at),
      closesAt: ms(window.closes_at),
      status: windowStatusAt(window.state, window.due_at ? ms(window.due_at) : undefined, now),
      events: window.events,
      failedCalls: window.failed_calls,
    })),
    calls: callRows,
    events: events.rows.map(eventOfRow),
  };
}
