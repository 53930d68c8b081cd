import type { SqlClient } from '../../src/lib/db/sql-client.ts';
import { leadLanes } from '../../src/schemas/delivery-lanes.ts';
import { claimFairSql } from '../../src/lib/queue/lane-sql.ts';
import { percentile, round } from './lane-flows.ts';

/**
 * The fair claim's median time for claims of 50 on a backlog of `backlog` leads spread over
 * `groups` campaigns of the normal lane (the claimed leads are handed back between rounds, so the
 * backlog stays what it says). One statement each, as a worker runs it.
 */
export async function claimCost(db: SqlClient, backlog: number, groups: number, claims = 40) {
  await db.query('TRUNCATE leads, lead_flows, lead_pauses, lead_groups CASCADE');
  const at = new Date(Date.now() - 3_600_000);
  await db.query(
    `INSERT INTO leads (id, idempotency_key, fingerprint, state, received_at, due_at, payload, lane, group_key, form_id)
     SELECT 'cost-' || lpad(g::text, 9, '0'), 'cost-' || g, 'bench', 'queued', $1, $1, '{}'::jsonb,
            'normal', 'campaign-' || (g % $3), 'form-' || (g % $3)
     FROM generate_series(1, $2::int) AS g`,
    [at, backlog, groups],
  );
  await db.query('VACUUM ANALYZE leads');
  const times: number[] = [];
  for (let round = 0; round < 2; round += 1) {
    for (let i = 0; i < claims / 2; i += 1) {
      const now = Date.now();
      const started = performance.now();
      await db.query(claimFairSql, [
        ...[new Date(now), new Date(now + 600_000), 50, `cost-${round}-${i}`],
        ...[leadLanes, [70, 25, 5]],
      ]);
      times.push(performance.now() - started);
    }
    await db.query(
      `UPDATE leads SET due_at = $1, lease_token = NULL, lease_expires_at = NULL
                    WHERE state = 'queued' AND lease_token IS NOT NULL`,
      [at],
    );
  }
  return { backlog, groups, claimOf: 50, medianMs: round(percentile(times, 0.5), 2) };
}
