import type { SqlClient } from '../../src/lib/db/sql-client.ts';
import type { LeadFlow } from '../../src/lib/queue/lead-queue.ts';

/** `count` due leads of one flow in one statement, ids `<prefix><n>` (sortable), received at `at`. */
export async function fillFlow(db: SqlClient, prefix: string, count: number, flow: LeadFlow, at: number) {
  const chunk = 100_000;
  for (let from = 1; from <= count; from += chunk) {
    await db.query(
      `INSERT INTO leads (id, idempotency_key, fingerprint, state, received_at, due_at, payload, lane, group_key, form_id)
       SELECT $1 || lpad(g::text, 9, '0'), $1 || 'key-' || g, 'bench', 'queued', $4, $4,
              jsonb_build_object('formId', $7::text, 'fields', jsonb_build_object('email', 'lead' || g || '@example.com')),
              $5, $6, $7
       FROM generate_series($2::int, $3::int) AS g`,
      [prefix, from, Math.min(count, from + chunk - 1), new Date(at), flow.lane, flow.group, flow.formId],
    );
  }
}

/** The p-th percentile (0–1) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
