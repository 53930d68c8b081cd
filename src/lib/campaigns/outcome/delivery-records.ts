import type { SqlClient } from '../../db/sql-client.ts';
import type { OutcomeScope } from './read-outcome.ts';

/** Time to CRM as the delivery records give it: p50/p95 by nearest rank, in seconds. */
export interface RecordedTimeToCrm {
  count: number;
  p50Seconds: number | null;
  p95Seconds: number | null;
  maxSeconds: number | null;
}

/** The ⌈share·n⌉-th smallest of ascending `sorted`: the definition percentile_disc uses. */
export const nearestRank = (sorted: readonly number[], share: number): number | null =>
  sorted.length === 0 ? null : (sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? null);

/** Summarize durations in milliseconds (any order). */
export function recordedTimeToCrm(durationsMs: readonly number[]): RecordedTimeToCrm {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
  return {
    count: sorted.length,
    p50Seconds: seconds(nearestRank(sorted, 0.5)),
    p95Seconds: seconds(nearestRank(sorted, 0.95)),
    maxSeconds: seconds(sorted.at(-1) ?? null),
  };
}

/**
 * The delivery records of a scope, read row by row from `leads` (received_at → settled_at of each
 * delivered lead): a cross-check for a load test's throwaway database, never for production
 * reports (done rows are purged after LEADS_RETENTION_DAYS; the rollups are what remains).
 */
export async function readDeliveryRecords(db: SqlClient, scope: OutcomeScope): Promise<RecordedTimeToCrm> {
  const { rows } = await db.query<{ ms: string }>(
    `SELECT round(EXTRACT(EPOCH FROM (settled_at - received_at)) * 1000)::bigint AS ms FROM leads
     WHERE state = 'done' AND form_id = ANY($1) AND received_at >= $2 AND received_at < $3`,
    [[...scope.forms], new Date(scope.from), new Date(scope.to)],
  );
  return recordedTimeToCrm(rows.map((row) => Math.max(0, Number(row.ms))));
}

/** Do the report's figures equal the records'? */
export const sameTimeToCrm = (a: RecordedTimeToCrm, b: RecordedTimeToCrm): boolean =>
  a.count === b.count &&
  a.p50Seconds === b.p50Seconds &&
  a.p95Seconds === b.p95Seconds &&
  a.maxSeconds === b.maxSeconds;
