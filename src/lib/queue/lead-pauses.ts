import type { SqlClient } from '../db/sql-client.ts';
import type { PauseTarget } from '../../schemas/delivery-lanes.ts';
import { listPausesSql, pauseSql, resumeSql } from './lane-sql.ts';

export type { PauseTarget };

/** A pause in force, since when. */
export type Pause = PauseTarget & { pausedAt: number };

/**
 * The graceful-degradation switch: a paused lane, campaign or form keeps being accepted and stored
 * by the intake; the claim skips its leads until it is resumed. Each call is one statement, and
 * repeating one is harmless.
 */
export interface LeadPauses {
  /** Pause; `pausedAt` of the pause in force (the first one, when it was already paused). */
  pause(target: PauseTarget): Promise<{ pausedAt: number; already: boolean }>;
  /** Resume; false when it was not paused. */
  resume(target: PauseTarget): Promise<boolean>;
  list(): Promise<Pause[]>;
}

interface PauseRow {
  kind: PauseTarget['kind'];
  key: string;
  paused_at: Date;
}

/** Pauses on Postgres (`lead_pauses`, migration 0010). */
export function createPostgresLeadPauses({ db, now }: { db: SqlClient; now: () => number }): LeadPauses {
  return {
    async pause({ kind, key }) {
      const params = [kind, key, new Date(now())];
      const [row] = (await db.query<PauseRow & { inserted: boolean }>(pauseSql, params)).rows;
      if (!row) throw new Error('pause returned no row');
      return { pausedAt: row.paused_at.getTime(), already: !row.inserted };
    },
    async resume({ kind, key }) {
      return (await db.query(resumeSql, [kind, key])).rows.length > 0;
    },
    async list() {
      const { rows } = await db.query<PauseRow>(listPausesSql);
      return rows.map(
        (row) => ({ kind: row.kind, key: row.key, pausedAt: row.paused_at.getTime() }) as Pause,
      );
    },
  };
}
