import type { SqlClient } from '../db/sql-client.ts';
import { purgeRollupsSql } from './ops-sql.ts';

const dayMs = 86_400_000;
/** Rows of each rollup table one run forgets at most, so a long overdue purge never eats a run's budget. */
const purgeLimit = 5_000;

/** Forget rollups older than `retentionDays` (OPS_ROLLUP_RETENTION_DAYS): one statement; returns the rows purged. */
export async function purgeRollups(db: SqlClient, now: number, retentionDays: number): Promise<number> {
  const before = new Date(now - retentionDays * dayMs);
  const { rows } = await db.query<{ purged: number }>(purgeRollupsSql, [before, purgeLimit]);
  return rows[0]?.purged ?? 0;
}
