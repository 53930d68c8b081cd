/**
 * `npm run bench:outcome-triggers -- --pg <postgres://…/postgres> [--leads 2000]`: what migration
 * 0070's triggers (`leads_ops_sources` on insert, `leads_ops_ttc_exact` on update: the campaign
 * report's sources and exact times to CRM) cost the intake and the worker, on top of 0040's
 * (method: bench/lib/trigger-cost.ts), and the exact times' storage per lead. Writes
 * bench/results/outcome-triggers.json. Since migration 0111 one update trigger (`leads_updates`)
 * keeps the counts and every rollup: the run without puts back 0001's and 0040's update triggers.
 */
import { compareTriggers } from './lib/trigger-cost.ts';

await compareTriggers(
  {
    name: 'outcome',
    dropTriggersSql: `DROP TRIGGER leads_ops_sources ON leads; DROP TRIGGER leads_updates ON leads;
      CREATE TRIGGER leads_count_updates AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows
        NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_counts_add();
      CREATE TRIGGER leads_ops_updates AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows
        NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ops_rollup_update()`,
    lead: (key, index) => ({
      idempotencyKey: key,
      fingerprint: key,
      receivedAt: Date.now(),
      payload: {
        formId: 'demo',
        locale: index % 2 ? 'en-US' : 'de-DE',
        utm: { utm_source: ['newsletter', 'linkedin', 'ads'][index % 3], utm_campaign: 'launch' },
        fields: { email: 'x@example.com' },
      },
      flow: { lane: 'normal', group: 'launch', formId: 'demo' },
    }),
    extra: async (db, leadsStored) => {
      const size = await db.query<{ bytes: string }>(
        `SELECT pg_total_relation_size('ops_ttc_exact') AS bytes`,
      );
      return { ttcExactBytesPerLead: Math.round(Number(size.rows[0]?.bytes ?? 0) / leadsStored) };
    },
  },
  { without: 'without0070Triggers', with: 'with0070Triggers', file: 'outcome-triggers.json' },
);
