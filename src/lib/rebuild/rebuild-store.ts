import type { SqlClient } from '../db/sql-client.ts';
import type { BuildHookAttempt, RebuildEvent } from '../../schemas/webhook-records.ts';
import { eventOfRow, type EventRow } from './event-row.ts';
import * as sql from './rebuild-sql.ts';

/** The window an event joined, as the webhook answers it. */
export interface JoinedWindow {
  id: string;
  opensAt: number;
  closesAt: number;
  /** Whether this event opened it (and so should start a closer). */
  opened: boolean;
}

/** A recorded event and its window, or a request whose signature was recorded before. */
export type RecordOutcome = { kind: 'recorded'; window: JoinedWindow } | { kind: 'replayed' };

/** A window a closer holds under a lease. */
export interface ClaimedWindow {
  id: string;
  opensAt: number;
  closesAt: number;
}

/** One build hook call and how its windows end: built, or due again at `retryAt`. */
export interface SettledCall {
  id: string;
  windowIds: readonly string[];
  leaseToken: string;
  startedAt: number;
  finishedAt: number;
  ok: boolean;
  title: string;
  eventCount: number;
  attempts: readonly BuildHookAttempt[];
  retryAt: number;
}

/** Rebuild events, windows and calls on the database: every method one statement (see rebuild-sql.ts). */
export interface RebuildStore {
  /** Record `event` (once per `signature`) in the window open at its time, opening one if needed. */
  recordEvent(
    event: RebuildEvent,
    signature: string,
    window: { id: string; ms: number },
  ): Promise<RecordOutcome>;
  /** Take up to `limit` windows due at `now` under lease `token` until `now + leaseMs`. */
  claimDue(input: { now: number; leaseMs: number; token: string; limit: number }): Promise<ClaimedWindow[]>;
  /** The events of windows, oldest first, `limit` at most, and how many there are. */
  eventsOf(windowIds: readonly string[], limit: number): Promise<{ events: RebuildEvent[]; total: number }>;
  /** Record a call and settle the windows it covered, if the lease is still the caller's. */
  settle(call: SettledCall): Promise<void>;
  /** When the earliest window not yet built is due, if any. */
  nextDueAt(): Promise<number | undefined>;
  /** Forget up to `limit` built windows (with their events) and calls older than `before`. */
  purge(before: number, limit: number): Promise<{ windows: number; calls: number }>;
}

const at = (ms: number) => new Date(ms);
/** How often an event is re-tried after sealing a stale open window, which a racing webhook may reopen. */
const MAX_JOIN_TRIES = 3;

interface JoinRow {
  fresh: boolean;
  event_id: string | null;
  window_id: string | null;
  opens_at: Date | null;
  closes_at: Date | null;
  opened: boolean | null;
}

/** The rebuild store on Postgres (Netlify Database, its local emulation, or any PostgreSQL ≥ 15). */
export function postgresRebuildStore(db: SqlClient): RebuildStore {
  return {
    async recordEvent(event, signature, window) {
      const params = [
        ...[window.id, at(event.receivedAt), at(event.receivedAt + window.ms), event.id, signature],
        ...[event.topic, event.entityType, event.action, event.entityId],
        ...[event.contentType ?? null, event.label ?? null, event.idempotencyKey ?? null],
      ];
      for (let tries = 0; tries < MAX_JOIN_TRIES; tries += 1) {
        const row = (await db.query<JoinRow>(sql.recordEventSql, params)).rows[0];
        if (!row?.fresh || (row.window_id && !row.event_id)) return { kind: 'replayed' };
        if (row.window_id && row.opens_at && row.closes_at) {
          const { window_id: id, opens_at, closes_at } = row;
          return {
            kind: 'recorded',
            window: { id, opensAt: opens_at.getTime(), closesAt: closes_at.getTime(), opened: !!row.opened },
          };
        }
        await db.query(sql.sealStaleSql, [at(event.receivedAt)]);
      }
      throw new Error('rebuild: the open window kept changing while recording an event');
    },
    async claimDue({ now, leaseMs, token, limit }) {
      const { rows } = await db.query<{ id: string; opens_at: Date; closes_at: Date }>(sql.claimDueSql, [
        ...[at(now), at(now + leaseMs), token, limit],
      ]);
      return rows
        .map((row) => ({ id: row.id, opensAt: row.opens_at.getTime(), closesAt: row.closes_at.getTime() }))
        .sort((a, b) => a.opensAt - b.opensAt || (a.id < b.id ? -1 : 1));
    },
    async eventsOf(windowIds, limit) {
      const { rows } = await db.query<EventRow & { total: number }>(sql.windowEventsSql, [
        [...windowIds],
        limit,
      ]);
      return { events: rows.map(eventOfRow), total: rows[0]?.total ?? 0 };
    },
    async settle(call) {
      await db.query(sql.settleSql, [
        ...[call.id, [...call.windowIds], at(call.startedAt), at(call.finishedAt), call.ok],
        ...[call.title, call.eventCount, JSON.stringify(call.attempts), call.leaseToken, at(call.retryAt)],
      ]);
    },
    async nextDueAt() {
      return (await db.query<{ next: Date | null }>(sql.nextDueSql)).rows[0]?.next?.getTime() ?? undefined;
    },
    async purge(before, limit) {
      const row = (await db.query<{ windows: number; calls: number }>(sql.purgeSql, [at(before), limit]))
        .rows[0];
      return { windows: row?.windows ?? 0, calls: row?.calls ?? 0 };
    },
  };
}
