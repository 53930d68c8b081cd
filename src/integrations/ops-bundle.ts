import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { chartJsSource } from '../lib/campaigns/outcome/chart-js-source.ts';
import { writeBundledJson } from '../lib/leads/write-form-rules.ts';
import { contentReportPath } from './content-report.ts';

/** The prerendered route the forecasts are computed in (`src/pages/launch-forecasts.json.ts`). */
const builtForecasts = 'launch-forecasts.json';
/** The prerendered route the launch reviews are computed in (`src/pages/launch-reviews.json.ts`). */
const builtReviews = 'launch-reviews.json';

/**
 * Puts what /ops/ and the alert schedule read from the build beside the form rules
 * (`.floodgate/launch-forecasts.json` with the launch tickets, `.floodgate/content-report.json`,
 * `.floodgate/launch-reviews.json`, `.floodgate/chart-js.json` for the report's charts), where the ops functions
 * import them and Netlify's bundler packs them in: each deploy's control room shows that deploy's
 * tickets and content report, and no request (Host header, forwarded headers) can choose where
 * they come from. Listed after `contentReport()`, whose report it copies.
 */
export function opsBundle(options: { directory: string }): AstroIntegration {
  return {
    name: 'floodgate:ops-bundle',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const forecasts = new URL(builtForecasts, dir);
        await writeBundledJson(
          join(options.directory, 'launch-forecasts.json'),
          JSON.parse(await readFile(forecasts, 'utf8')),
        );
        await rm(forecasts);
        const reviews = new URL(builtReviews, dir);
        await writeBundledJson(
          join(options.directory, 'launch-reviews.json'),
          JSON.parse(await readFile(reviews, 'utf8')),
        );
        await rm(reviews);
        const report = JSON.parse(await readFile(new URL(contentReportPath, dir), 'utf8')) as unknown;
        await writeBundledJson(join(options.directory, 'content-report.json'), report);
        // The post-campaign report at /ops/report/ draws its charts with the CLI's Chart.js build.
        await writeBundledJson(join(options.directory, 'chart-js.json'), { source: await chartJsSource() });
        logger.info(`launch forecasts and content report written to ${options.directory} for /ops/`);
      },
    },
  };
}
