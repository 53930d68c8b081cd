/**
 * `npm run bench:ops-triggers -- --pg <postgres://…/postgres> [--leads 2000]`: what the ops rollup
 * triggers (migration 0040) cost the intake and the worker (method: bench/lib/trigger-cost.ts).
 * Writes bench/results/ops-triggers.json. The rollups add no statement (the triggers run inside
 * the intake's own statement): the cost is time per statement.
 */
import { compareTriggers } from './lib/trigger-cost.ts';

await compareTriggers(
  {
    name: 'ops',
    dropTriggersSql: 'DROP TRIGGER leads_ops_inserts ON leads; DROP TRIGGER leads_ops_updates ON leads',
    lead: (key) => ({
      idempotencyKey: key,
      fingerprint: key,
      receivedAt: Date.now(),
      payload: { formId: 'demo', utm: { utm_campaign: 'launch' }, fields: { email: 'x@example.com' } },
    }),
  },
  { without: 'withoutOpsTriggers', with: 'withOpsTriggers', file: 'ops-triggers.json' },
);
