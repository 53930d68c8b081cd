import { DEAD_PURGE_WARNING_DAYS } from '../../schemas/privacy-env.ts';
import type { SqlClient } from '../db/sql-client.ts';
import { pendingEventsSql } from './event-sql.ts';
import { deadNearingPurge } from './retention.ts';

/** What `leads:status` shows about personal data: dead letters about to be purged, erasure events the CRM has not taken. */
export interface PrivacyStatus {
  deadNearingPurge: { count: number; firstPurgeAt: string | null };
  pendingErasureEvents: { count: number; oldest: string | null; lastError: string | null };
}

const iso = (ms: number | undefined | null) =>
  ms === undefined || ms === null ? null : new Date(ms).toISOString();

/** Two statements, each on an index (`leads_settled`, `privacy_events_due`). */
export async function privacyStatus(
  db: SqlClient,
  now: number,
  deadRetentionDays: number,
): Promise<PrivacyStatus> {
  const nearing = await deadNearingPurge(db, now, deadRetentionDays);
  const { rows } = await db.query<{ pending: number; oldest: Date | null; last_error: string | null }>(
    pendingEventsSql,
  );
  const events = rows[0];
  return {
    deadNearingPurge: { count: nearing.count, firstPurgeAt: iso(nearing.firstPurgeAt) },
    pendingErasureEvents: {
      count: events?.pending ?? 0,
      oldest: iso(events?.oldest?.getTime()),
      lastError: events?.last_error ?? null,
    },
  };
}

/** The status table's rows: a warning only when there is something to act on. */
export function privacyRows(
  status: PrivacyStatus,
  colour: { warn: (text: string) => string },
): [string, string | number][] {
  const rows: [string, string | number][] = [];
  const { deadNearingPurge: nearing, pendingErasureEvents: events } = status;
  if (nearing.count > 0)
    rows.push([
      '  purged soon',
      colour.warn(
        `${nearing.count} dead letter(s) purged within ${DEAD_PURGE_WARNING_DAYS} days, first ${nearing.firstPurgeAt} (redrive to keep them)`,
      ),
    ]);
  if (events.count > 0)
    rows.push([
      'lead.erased events',
      colour.warn(
        `${events.count} not yet taken by the CRM since ${events.oldest}${events.lastError ? ` (last: ${events.lastError})` : ''}`,
      ),
    ]);
  return rows;
}
