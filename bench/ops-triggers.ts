/**
 * `npm run bench:ops-triggers -- --pg <postgres://…/postgres> [--leads 2000]`: what the ops rollup
 * triggers (migration 0040) cost the intake and the worker (method: bench/lib/trigger-cost.ts).
 * Writes bench/results/ops-triggers.json. The rollups add no statement (the triggers run inside
 * the intake's own statement): the cost is time per statement. Since migration 0111 one update
 * trigger (`leads_updates`) keeps the counts and every rollup: the run without puts back 0001's
 * count-only update trigger in its place.
 */
import { compareTriggers } from './lib/trigger-cost.ts';

await compareTriggers(
  {
    name: 'ops',
    dropTriggersSql: `DROP TRIGGER leads_ops_inserts ON leads; DROP TRIGGER leads_updates ON leads;
      CREATE TRIGGER leads_count_updates AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows
        NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_counts_add()`,
    lead: (key) => ({
      idempotencyKey: key,
      fingerprint: key,
      receivedAt: Date.now(),
      payload: { formId: 'demo', utm: { utm_campaign: 'launch' }, fields: { email: 'x@example.com' } },
    }),
  },
  { without: 'withoutOpsTriggers', with: 'withOpsTriggers', file: 'ops-triggers.json' },
);
