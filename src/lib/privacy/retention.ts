import { DEAD_PURGE_WARNING_DAYS, type PrivacyEnv } from '../../schemas/privacy-env.ts';
import type { SqlClient } from '../db/sql-client.ts';
import { purgeSettledSql } from '../queue/lead-sql.ts';

const dayMs = 86_400_000;
// Each purge deletes at most this many rows per run, so a long backlog never eats a run's budget.
const purgeLimit = 500;

export type RetentionDays = Pick<PrivacyEnv, 'LEADS_DEAD_RETENTION_DAYS' | 'LEADS_SPAM_RETENTION_DAYS'>;

/**
 * Purge dead letters (payload and every attempt, whose error texts may quote the CRM echoing PII)
 * and spam past their retention: one statement each, on the `leads_settled` index.
 */
export async function purgePersonalData(db: SqlClient, now: number, days: RetentionDays) {
  const purge = async (state: string, retentionDays: number) =>
    (await db.query(purgeSettledSql, [state, new Date(now - retentionDays * dayMs), purgeLimit])).rows.length;
  return {
    dead: await purge('dead', days.LEADS_DEAD_RETENTION_DAYS),
    spam: await purge('spam', days.LEADS_SPAM_RETENTION_DAYS),
  };
}

/** Dead letters purged within DEAD_PURGE_WARNING_DAYS, and when the first of them goes. */
export const deadNearingPurgeSql = `
SELECT count(*)::int AS nearing, min(settled_at) AS first_settled
FROM leads WHERE state = 'dead' AND settled_at < $1`;

export interface DeadNearingPurge {
  count: number;
  /** When the first of them is purged (ms), if any. */
  firstPurgeAt: number | undefined;
}

/** For `leads:status` and the `dead-letters-nearing-purge` alert: one statement on `leads_settled`. */
export async function deadNearingPurge(
  db: SqlClient,
  now: number,
  retentionDays: number,
): Promise<DeadNearingPurge> {
  const from = now - (retentionDays - DEAD_PURGE_WARNING_DAYS) * dayMs;
  const { rows } = await db.query<{ nearing: number; first_settled: Date | null }>(deadNearingPurgeSql, [
    new Date(from),
  ]);
  const first = rows[0]?.first_settled;
  return {
    count: rows[0]?.nearing ?? 0,
    firstPurgeAt: first ? first.getTime() + retentionDays * dayMs : undefined,
  };
}
