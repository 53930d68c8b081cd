import { defineCollection } from 'astro:content';
import { z } from 'zod';
import type { ContentReport } from './lib/content/content-report.ts';
import type { LocalizedPage } from './lib/content/map-space.ts';
import type { RedirectRule } from './lib/content/redirect-rules.ts';
import type { BundledLaunchReview } from './schemas/launch-review.ts';
import type { LaunchForecast } from './schemas/launch-forecast.ts';
import type { LocaleCode } from './schemas/locales.ts';
import type { SiteSettings } from './schemas/site-settings.ts';
import { BuildEnvSchema } from './schemas/build-env.ts';
import { ContentfulEnvSchema } from './schemas/contentful-env.ts';
import { parseEnv } from './lib/env/parse-env.ts';
import { spaceFileLoader } from './content/loaders/space-file.ts';
import { contentfulLoader } from './content/loaders/contentful.ts';
import type { SiteCollection } from './content/loaders/store-mapped-site.ts';

const { CONTENT_FILE } = parseEnv(BuildEnvSchema, process.env, 'the content loader');
// Credentials set: Contentful. None set: the embedded content/. Some set: the build stops here.
const source = parseEnv(ContentfulEnvSchema, process.env, 'the Contentful content source');

const siteLoader = (collection: SiteCollection) =>
  source.kind === 'contentful'
    ? contentfulLoader({ config: source, collection })
    : spaceFileLoader({ file: CONTENT_FILE, collection });

// Entries are validated while mapping (with marketer-friendly messages); these schemas only type them.
export const collections = {
  pages: defineCollection({
    loader: siteLoader('pages'),
    schema: z.custom<LocalizedPage>(),
  }),
  settings: defineCollection({
    loader: siteLoader('settings'),
    // One entry per locale, or, in `astro dev`, the content problem that stops the build.
    // And the build's content report.
    schema: z.custom<
      | { locale: LocaleCode; settings: SiteSettings }
      | { contentError: string; name: string }
      | { contentReport: ContentReport }
      | { redirectRules: RedirectRule[] }
      | { launchForecasts: LaunchForecast[] }
      | { launchReviews: BundledLaunchReview[] }
    >(),
  }),
};
