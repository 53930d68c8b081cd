import type { SqlClient } from '../db/sql-client.ts';
import * as sql from './delivery-sql.ts';

/** The one background drainer's lease (`delivery_drainer`): each operation one statement. */
export interface DrainerLease {
  /** Reserve it for a drainer about to start, if none is live and a lead is due: true when reserved. */
  reserve(at: number, untilMs: number): Promise<boolean>;
  /** Take it (free, expired or a starting reservation) or renew it for `holder`: false when another holds it. */
  hold(holder: string, at: number, until: number): Promise<boolean>;
  /** Let go, if still held by `holder`. */
  release(holder: string, at: number): Promise<void>;
}

export function createDrainerLease(db: SqlClient): DrainerLease {
  const at = (ms: number) => new Date(ms);
  return {
    reserve: async (now, until) =>
      (await db.query(sql.reserveDrainerSql, [at(now), at(until)])).rows.length === 1,
    hold: async (holder, now, until) =>
      (await db.query(sql.holdDrainerSql, [holder, at(now), at(until)])).rows.length === 1,
    release: async (holder, now) => void (await db.query(sql.releaseDrainerSql, [holder, at(now)])),
  };
}
