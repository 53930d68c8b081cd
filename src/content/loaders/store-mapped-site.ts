import type { LoaderContext } from 'astro/loaders';
import { campaignBuildSummary } from '../../lib/campaigns/build-summary.ts';
import { formatContentReport } from '../../lib/content/content-report.ts';
import type { MappedSite } from '../../lib/content/map-space.ts';
import { bundledReviewsOf } from '../../lib/campaigns/review/bundle-reviews.ts';
import { launchForecastsOf } from '../../lib/ops/launch-forecast.ts';

export type SiteCollection = 'pages' | 'settings';

/** Id of the settings entry that stands for content that cannot be built (only in `astro dev`). */
export const contentErrorId = 'content-error';
/** Id of the settings entry holding the build's content report. */
export const contentReportId = 'content-report';
/** Id of the settings entry holding the site's redirect rules. */
export const redirectsId = 'redirects';
/** Id of the settings entry holding the campaigns' launch-ticket forecasts, for /ops/. */
export const launchForecastsId = 'launch-forecasts';
/** Id of the settings entry holding the launch tickets' reviews, for the alert schedule to send. */
export const launchReviewsId = 'launch-reviews';

/**
 * Store the mapped site, or, in `astro dev` (the only run with a file watcher), the reason it
 * cannot be loaded (a content mistake, a file that is not valid JSON) in its place: every page then shows it in Astro's error overlay, in the same words as
 * the build, instead of the last good page while the message scrolls by in the terminal. A build
 * still fails on it.
 */
export async function storeSiteOrProblem(
  context: LoaderContext,
  collection: SiteCollection,
  site: Promise<MappedSite>,
): Promise<void> {
  try {
    const mapped = await site;
    storeMappedSite(context, collection, mapped);
    // In `astro dev` a marketer is checking their edit: an entry the build would leave out or
    // replace is shown in the overlay, in the report's words, instead of quietly missing.
    const errors = mapped.report.problems.filter((problem) => problem.severity === 'error');
    if (context.watcher && collection === 'settings' && errors.length > 0) {
      const data = {
        contentError: formatContentReport({ problems: errors }).join('\n'),
        name: 'ContentReport',
      };
      context.store.set({ id: contentErrorId, data, digest: context.generateDigest(data) });
    }
  } catch (error) {
    if (!context.watcher || !(error instanceof Error)) throw error;
    context.store.clear();
    if (collection === 'settings') {
      const data = { contentError: error.message, name: error.name };
      context.store.set({ id: contentErrorId, data, digest: context.generateDigest(data) });
    } else context.logger.error(error.message);
  }
}

/** Replace a collection's entries with the mapped site's pages or per-locale settings. */
export function storeMappedSite(context: LoaderContext, collection: SiteCollection, site: MappedSite): void {
  const items =
    collection === 'pages'
      ? site.pages.map((page) => ({ id: `${page.locale}${page.path}`, data: page }))
      : [
          ...Object.entries(site.settings).map(([locale, settings]) => ({
            id: locale,
            data: { locale, settings },
          })),
          { id: contentReportId, data: { contentReport: site.report } },
          { id: redirectsId, data: { redirectRules: site.redirects } },
          { id: launchForecastsId, data: { launchForecasts: launchForecastsOf(site.campaigns) } },
          { id: launchReviewsId, data: { launchReviews: bundledReviewsOf(site) } },
        ];
  context.store.clear();
  for (const { id, data } of items) {
    const plain = data as unknown as Record<string, unknown>;
    context.store.set({ id, data: plain, digest: context.generateDigest(plain) });
  }
  if (collection === 'pages') {
    // Problems are listed once, in the content report at the end of the build (or here in dev).
    if (context.watcher) for (const line of formatContentReport(site.report)) context.logger.warn(line);
    context.logger.info(
      `${site.pages.length} localized pages from ${Object.keys(site.settings).length} locales`,
    );
    // One line per upcoming campaign (issue 7); it never throws, so it can never fail a build.
    for (const line of campaignBuildSummary(site)) context.logger[line.level](line.text);
  }
}
