import type { OpsEnv } from '../../schemas/ops-env.ts';
import type { SqlClient } from '../db/sql-client.ts';
import { createRateLimiter } from '../leads/rate-limit.ts';
import { createPostgresLeadPauses } from '../queue/lead-pauses.ts';
import { createPostgresLeadQueue } from '../queue/postgres-lead-queue.ts';
import { readAlertStates } from './alert-state.ts';
import type { OpsPageDeps } from './handle-ops-page.ts';
import { readLaunchFacts, type LaunchSources } from './launch-facts.ts';
import { launchPanels } from './launch-panels.ts';
import { opsLog } from './ops-log.ts';
import { pausesPanel } from './pause-action.ts';
import { readOpsMetrics } from './read-metrics.ts';
import { withDoiFigures } from './doi-figure.ts';
import type { LeadOutbox } from '../outbox/outbox-store.ts';
import { privacyHashSecret } from '../../schemas/privacy-env.ts';
import { bundledTickets, opsReportDeps } from './ops-report-deps.ts';
import { reportPanel } from './report-links.ts';
import { readUntrackedForms, untrackedFormsPanel } from './untracked-forms-panel.ts';

/**
 * The ops page's and endpoint's dependencies from env and a database: the figures from the rollups,
 * the actions from the lead queue's own operations, and sign-ins limited to 5 a minute per client
 * (per function instance; Netlify's edge rate limit is the outer bound).
 */
export function createOpsRoom(options: {
  db: SqlClient;
  env: OpsEnv;
  now?: () => number;
  /** Forecasts, content report and outbox (src/lib/ops/launch-sources.ts); without them those panels are left out. */
  launch?: LaunchSources;
  /** The Blobs outbox, for data-subject requests (undefined: not read, and said so). */
  outbox?: LeadOutbox;
}): OpsPageDeps {
  const { db, env, launch } = options;
  const now = options.now ?? Date.now;
  const queue = createPostgresLeadQueue({ db, now, random: Math.random });
  return {
    token: env.OPS_TOKEN,
    sessionHours: env.OPS_SESSION_HOURS,
    now,
    metrics: withDoiFigures(
      () => readOpsMetrics(db, { now: now(), pacePerMinute: env.LEADS_DELIVERY_RATE * 60 }),
      db,
      now,
    ),
    alerts: () => readAlertStates(db),
    actions: {
      'redrive-dead': async () => (await queue.redrive('all')).redriven.length,
      'release-spam': async () => (await queue.releaseSpam('all')).redriven.length,
    },
    signIns: createRateLimiter({ limit: 5, windowMs: 60_000, maxKeys: 1_000 }),
    log: opsLog(),
    pauses: createPostgresLeadPauses({ db, now }),
    panels: launch
      ? async () => {
          const facts = await readLaunchFacts(launch, now());
          const untracked = untrackedFormsPanel(await readUntrackedForms(launch, now()));
          const tickets = await bundledTickets(launch);
          return {
            live: [...launchPanels(facts), untracked],
            actions: [pausesPanel(facts.pauses), reportPanel(tickets)],
          };
        }
      : undefined,
    report: launch && env.OPS_TOKEN ? opsReportDeps(launch, env.OPS_TOKEN, now) : undefined,
    privacy: { db, outbox: options.outbox, secret: privacyHashSecret(env), now, log: opsLog() },
  };
}
