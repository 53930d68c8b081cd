import type { SqlClient } from '../db/sql-client.ts';
import * as sql from './alert-sql.ts';
import type { AlertFinding } from './alert-rules.ts';

/** One rule's stored state, as /ops/ shows it. */
export interface AlertStateRow {
  rule: string;
  firing: boolean;
  /** ISO time the rule started firing (or last fired). */
  since: string;
  notifiedAt: number;
  summary: string;
  /** The last send that failed after its retries, until one succeeds. */
  sendError: string | null;
}

/** What to tell the channel about one rule, if anything. */
export type AlertTransition = 'firing' | 'reminder' | 'resolved';

/** Every rule's stored state. */
export async function readAlertStates(db: SqlClient): Promise<AlertStateRow[]> {
  const { rows } = await db.query<{
    rule: string;
    firing: boolean;
    since: Date;
    notified_at: Date;
    summary: string;
    send_error: string | null;
  }>(sql.listAlertsSql);
  return rows.map((row) => ({
    rule: row.rule,
    firing: row.firing,
    since: row.since.toISOString(),
    notifiedAt: row.notified_at.getTime(),
    summary: row.summary,
    sendError: row.send_error,
  }));
}

/**
 * Move one rule to what `finding` says, by one guarded statement: the transition comes back only to
 * the evaluator whose statement made it. `stored` (read earlier) only saves statements when nothing
 * changes; it never decides on its own.
 */
export async function transitionAlert(
  db: SqlClient,
  finding: AlertFinding,
  stored: AlertStateRow | undefined,
  now: number,
  reminderMs: number,
): Promise<AlertTransition | undefined> {
  const at = new Date(now);
  const won = async (text: string, params: unknown[]) => (await db.query(text, params)).rows.length > 0;
  if (finding.firing && !stored?.firing) {
    return (await won(sql.fireSql, [finding.rule, at, finding.summary])) ? 'firing' : undefined;
  }
  if (finding.firing && stored && stored.notifiedAt <= now - reminderMs) {
    const due = new Date(now - reminderMs);
    return (await won(sql.remindSql, [finding.rule, at, finding.summary, due])) ? 'reminder' : undefined;
  }
  if (!finding.firing && stored?.firing) {
    return (await won(sql.resolveSql, [finding.rule, at])) ? 'resolved' : undefined;
  }
  return undefined;
}

/** Record how the send of a transition went. */
export async function recordSend(db: SqlClient, rule: string, error: string | undefined, now: number) {
  if (error === undefined) await db.query(sql.sendSucceededSql, [rule]);
  else await db.query(sql.sendFailedSql, [rule, error.slice(0, 300), new Date(now)]);
}
