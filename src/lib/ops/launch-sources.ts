import { z } from 'zod';
import { FormConfigMapSchema } from '../../schemas/lead.ts';
import { LaunchForecastsSchema } from '../../schemas/launch-forecast.ts';
import { BundledLaunchReviewsSchema } from '../../schemas/launch-review.ts';
import { OpsContentReportSchema } from '../../schemas/ops-content-report.ts';
import type { SqlClient } from '../db/sql-client.ts';
import { netlifyLeadOutbox } from '../outbox/outbox-store.ts';
import { bundledFile } from './bundled-file.ts';
import type { LaunchSources } from './launch-facts.ts';
import type { OpsLog } from './ops-log.ts';

const ChartJsBundleSchema = z.object({ source: z.string().min(1) });

/**
 * The launch sources of a deployed ops function: the files the build wrote beside the form rules
 * (src/integrations/ops-bundle.ts), imported so Netlify's bundler packs them into the function
 * (the deploy's own tickets and content report: what the live site was built from), and the
 * site's Blobs outbox. Nothing here reads the request.
 */
export function bundledLaunchSources(db: SqlClient, log: OpsLog): LaunchSources {
  return {
    db,
    forecasts: bundledFile(
      'launch-forecasts.json',
      async () =>
        (await import('../../../.floodgate/launch-forecasts.json', { with: { type: 'json' } })).default,
      LaunchForecastsSchema,
      log,
    ),
    contentReport: bundledFile(
      'content-report.json',
      async () =>
        (await import('../../../.floodgate/content-report.json', { with: { type: 'json' } })).default,
      OpsContentReportSchema,
      log,
    ),
    outbox: () => Promise.resolve(netlifyLeadOutbox()),
    formRules: bundledFile(
      'form-rules.json',
      async () => (await import('../../../.floodgate/form-rules.json', { with: { type: 'json' } })).default,
      FormConfigMapSchema,
      log,
    ),
    chartJs: bundledFile(
      'chart-js.json',
      async () => (await import('../../../.floodgate/chart-js.json', { with: { type: 'json' } })).default,
      ChartJsBundleSchema,
      log,
    ),
  };
}

/**
 * The launch tickets' reviews the build judged (src/lib/campaigns/review/bundle-reviews.ts), for
 * the alert schedule to send the new or changed ones: this deploy's tickets, as the live site.
 */
export const bundledLaunchReviews = (log: OpsLog) =>
  bundledFile(
    'launch-reviews.json',
    async () => (await import('../../../.floodgate/launch-reviews.json', { with: { type: 'json' } })).default,
    BundledLaunchReviewsSchema,
    log,
  );
