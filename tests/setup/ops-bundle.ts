import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { chartJsSource } from '../../src/lib/campaigns/outcome/chart-js-source.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { defaultFormRulesFile } from '../../src/lib/leads/form-rules-source.ts';
import { writeBundledJson } from '../../src/lib/leads/write-form-rules.ts';
import { bundledReviewsOf } from '../../src/lib/campaigns/review/bundle-reviews.ts';
import { launchForecastsOf } from '../../src/lib/ops/launch-forecast.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';

/**
 * Tests import the real ops functions, which bundle the launch forecasts, content report and
 * launch reviews a build writes (src/integrations/ops-bundle.ts). Before the first build: write
 * them from the embedded content with the build's own code, as tests/setup/form-rules.ts does for
 * the form rules.
 */
export default async function ensureOpsBundle(): Promise<void> {
  const directory = dirname(defaultFormRulesFile);
  const forecasts = join(directory, 'launch-forecasts.json');
  const report = join(directory, 'content-report.json');
  const chartJs = join(directory, 'chart-js.json');
  if (!existsSync(chartJs)) await writeBundledJson(chartJs, { source: await chartJsSource() });
  const reviews = join(directory, 'launch-reviews.json');
  // A bundle from before the tickets were carried is written again (the report and untracked forms read them).
  const stale = existsSync(forecasts) && !(await readFile(forecasts, 'utf8')).includes('"ticket"');
  if (existsSync(forecasts) && !stale && existsSync(report) && existsSync(reviews)) return;
  const site = mapSpace(SpaceExportSchema.parse(JSON.parse(await readFile('content/space.json', 'utf8'))));
  if (!existsSync(forecasts) || stale) await writeBundledJson(forecasts, launchForecastsOf(site.campaigns));
  if (!existsSync(report)) await writeBundledJson(report, site.report);
  if (!existsSync(reviews)) await writeBundledJson(reviews, bundledReviewsOf(site));
}
