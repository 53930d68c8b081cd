import type { FormConfigMap } from '../../schemas/lead.ts';
import type { LaunchForecast } from '../../schemas/launch-forecast.ts';
import type { OpsContentReport } from '../../schemas/ops-content-report.ts';
import type { SqlClient } from '../db/sql-client.ts';
import type { LeadOutbox } from '../outbox/outbox-store.ts';
import { createPostgresLeadPauses, type Pause } from '../queue/lead-pauses.ts';
import { readForecastFacts, type ForecastFacts } from './forecast-facts.ts';
import { watchOutbox, type OutboxFacts } from './outbox-watch.ts';
import { readRebuildFacts, type RebuildFacts } from './rebuild-facts.ts';

/**
 * What the launch panels show and the launch rules judge, beyond the queue's figures: forecast vs
 * actual, rebuilds, the Blobs outbox, the build's content report and the pauses in force.
 */
export interface LaunchFacts {
  forecast: ForecastFacts;
  rebuild: RebuildFacts;
  outbox: OutboxFacts;
  /** Undefined when this deploy carries no content report. */
  content: OpsContentReport | undefined;
  pauses: Pause[];
}

/** Where the launch facts come from: every dependency passed in. */
export interface LaunchSources {
  db: SqlClient;
  /** The build's bundled files (undefined when missing). */
  forecasts: () => Promise<LaunchForecast[] | undefined>;
  contentReport: () => Promise<OpsContentReport | undefined>;
  outbox: () => Promise<LeadOutbox>;
  /** The form rules the build bundled (src/lib/ops/untracked-forms-panel.ts). */
  formRules?: () => Promise<FormConfigMap | undefined>;
  /** Chart.js for the post-campaign report (src/lib/ops/handle-ops-report.ts). */
  chartJs?: () => Promise<{ source: string } | undefined>;
}

/** Read every launch fact as of `now`; one after the other, so the page holds one pooled connection. */
export async function readLaunchFacts(sources: LaunchSources, now: number): Promise<LaunchFacts> {
  const { db } = sources;
  const forecast = await readForecastFacts(db, await sources.forecasts(), now);
  const rebuild = await readRebuildFacts(db, now);
  const pauses = await createPostgresLeadPauses({ db, now: () => now }).list();
  const [outbox, content] = await Promise.all([watchOutbox(sources.outbox, now), sources.contentReport()]);
  return { forecast, rebuild, outbox, content, pauses };
}
