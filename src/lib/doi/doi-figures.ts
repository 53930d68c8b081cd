import type { SqlClient } from '../db/sql-client.ts';

/**
 * Double opt-in at a glance, for `npm run leads:status` and /ops/: leads waiting for their link
 * (from `lead_counts`; the oldest is the first entry of `leads_settled`) and the lead mails waiting
 * (on `lead_mails_due`) or given up.
 */
export const doiFiguresSql = `
SELECT (SELECT coalesce(sum(leads), 0)::int FROM lead_counts WHERE state = 'unconfirmed') AS unconfirmed,
  (SELECT min(settled_at) FROM leads WHERE state = 'unconfirmed') AS oldest,
  (SELECT count(*)::int FROM lead_mails WHERE state = 'pending') AS mails_pending,
  (SELECT count(*)::int FROM lead_mails WHERE state = 'dead') AS mails_dead`;

export interface DoiFigures {
  /** Leads waiting for the visitor to click the confirmation link. */
  unconfirmed: number;
  /** Age of the oldest of them; it is purged once past LEADS_UNCONFIRMED_RETENTION_DAYS. */
  oldestUnconfirmedAgeMs: number | null;
  /** Confirmation (and receipt) mails not sent yet: new, retrying, or waiting for SMTP_URL. */
  mailsPending: number;
  /** Mails given up (permanent SMTP refusal, or retries spent). */
  mailsDead: number;
}

export async function readDoiFigures(db: SqlClient, now: number): Promise<DoiFigures> {
  const { rows } = await db.query<{
    unconfirmed: number;
    oldest: Date | null;
    mails_pending: number;
    mails_dead: number;
  }>(doiFiguresSql);
  const row = rows[0];
  return {
    unconfirmed: row?.unconfirmed ?? 0,
    oldestUnconfirmedAgeMs: row?.oldest ? Math.max(0, now - row.oldest.getTime()) : null,
    mailsPending: row?.mails_pending ?? 0,
    mailsDead: row?.mails_dead ?? 0,
  };
}

/** One line for people: "3 waiting for their link (oldest 2 h) · mails: 1 waiting, 0 given up". */
export function describeDoiFigures(figures: DoiFigures, duration: (ms: number) => string): string {
  const oldest =
    figures.oldestUnconfirmedAgeMs === null ? '' : ` (oldest ${duration(figures.oldestUnconfirmedAgeMs)})`;
  return `${figures.unconfirmed} waiting for their link${oldest} · mails: ${figures.mailsPending} waiting, ${figures.mailsDead} given up`;
}
