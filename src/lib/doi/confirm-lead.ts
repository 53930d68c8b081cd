import type { SqlClient } from '../db/sql-client.ts';
import { verifyConfirmToken } from './confirm-token.ts';
import { confirmLeadSql } from './confirm-sql.ts';

/**
 * `confirmed`: this click (or an earlier one) confirmed the lead: the same friendly answer every
 * time. `expired`: the link's time is up. `unknown`: not our link, or its lead is gone (purged).
 */
export type ConfirmOutcome =
  { status: 'confirmed'; drainerReserved: boolean } | { status: 'expired' | 'unknown' };

/** Check a link token and confirm its lead in one statement (confirm-sql.ts). */
export async function confirmLead(
  deps: { db: SqlClient; secret: string; now: () => number; reserveDrainerForMs?: number },
  token: unknown,
): Promise<ConfirmOutcome> {
  const at = deps.now();
  const checked = verifyConfirmToken(deps.secret, token, at);
  if (!checked.ok) return { status: checked.reason === 'expired' ? 'expired' : 'unknown' };
  const reserveUntil =
    deps.reserveDrainerForMs === undefined ? null : new Date(at + deps.reserveDrainerForMs);
  const { rows } = await deps.db.query<{
    confirmed: boolean;
    drainer_reserved: boolean;
    confirmed_before: boolean | null;
  }>(confirmLeadSql, [checked.leadId, new Date(at), reserveUntil]);
  const row = rows[0];
  if (row?.confirmed) return { status: 'confirmed', drainerReserved: row.drainer_reserved };
  if (row?.confirmed_before) return { status: 'confirmed', drainerReserved: false };
  // Existed unconfirmed in the statement's snapshot, yet another click took it first (it waited
  // for that click's row lock): a second read, only in this race, sees what that click committed.
  if (row?.confirmed_before === false) {
    const again = await deps.db.query<{ confirmed: boolean }>(
      'SELECT confirmed_at IS NOT NULL AS confirmed FROM leads WHERE id = $1',
      [checked.leadId],
    );
    if (again.rows[0]?.confirmed) return { status: 'confirmed', drainerReserved: false };
  }
  return { status: 'unknown' };
}
