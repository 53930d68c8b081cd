import { getCollection } from 'astro:content';
import type { LocalizedPage } from '../lib/content/map-space.ts';
import type { LocaleCode } from '../schemas/locales.ts';
import type { SiteSettings } from '../schemas/site-settings.ts';
import type { ContentReport } from '../lib/content/content-report.ts';
import type { RedirectRule } from '../lib/content/redirect-rules.ts';
import type { LaunchForecast } from '../schemas/launch-forecast.ts';
import type { BundledLaunchReview } from '../schemas/launch-review.ts';
import {
  contentErrorId,
  contentReportId,
  launchForecastsId,
  launchReviewsId,
  redirectsId,
} from './loaders/store-mapped-site.ts';

/** Every landing page in every locale. */
export async function allPages(): Promise<LocalizedPage[]> {
  await throwContentProblem();
  return (await getCollection('pages')).map((entry) => entry.data);
}

/** The site settings in a locale (the build fails earlier if they are missing). */
export async function siteSettings(locale: LocaleCode): Promise<SiteSettings> {
  await throwContentProblem();
  const entry = (await getCollection('settings')).find((candidate) => candidate.id === locale);
  if (!entry || !('settings' in entry.data)) throw new Error(`No site settings for ${locale}`);
  return entry.data.settings;
}

/** The build's content report: every problem once, with the pages it affects. */
export async function contentReport(): Promise<ContentReport> {
  const entry = (await getCollection('settings')).find((candidate) => candidate.id === contentReportId);
  return entry && 'contentReport' in entry.data ? entry.data.contentReport : { problems: [] };
}

/** The site's Netlify redirect rules. */
export async function redirectRules(): Promise<RedirectRule[]> {
  const entry = (await getCollection('settings')).find((candidate) => candidate.id === redirectsId);
  return entry && 'redirectRules' in entry.data ? entry.data.redirectRules : [];
}

/** Every campaign's launch-ticket forecast (for /ops/). */
export async function launchForecasts(): Promise<LaunchForecast[]> {
  const entry = (await getCollection('settings')).find((candidate) => candidate.id === launchForecastsId);
  return entry && 'launchForecasts' in entry.data ? entry.data.launchForecasts : [];
}

/** Each upcoming launch ticket's review as of the build (for the alert schedule to send). */
export async function launchReviewsForBundle(): Promise<BundledLaunchReview[]> {
  const entry = (await getCollection('settings')).find((candidate) => candidate.id === launchReviewsId);
  return entry && 'launchReviews' in entry.data ? entry.data.launchReviews : [];
}

/** In `astro dev`, content that cannot be built: thrown, so Astro's error overlay shows it. */
async function throwContentProblem(): Promise<void> {
  // A filter, not getEntry: Astro 7.4 logs a warning for every getEntry of a missing id, and this
  // entry is missing on every healthy build.
  const [problem] = await getCollection('settings', (entry) => entry.id === contentErrorId);
  if (!problem || !('contentError' in problem.data)) return;
  const error = new Error(problem.data.contentError);
  error.name = problem.data.name;
  Object.assign(error, {
    hint: 'Fix it in content/space.json and reload this page. With Contentful, fix it there and restart `npm run dev`: it syncs once, at start.',
  });
  throw error;
}
