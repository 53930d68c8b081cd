import { defineCollection } from 'astro:content';
import { z } from 'zod';
import type { LocalizedPage } from './lib/content/map-space.ts';
import type { LocaleCode } from './lib/i18n/locales.ts';
import type { SiteSettings } from './schemas/site-settings.ts';
import { BuildEnvSchema } from './schemas/build-env.ts';
import { parseEnv } from './lib/env/parse-env.ts';
import { spaceFileLoader } from './content/loaders/space-file.ts';

const { CONTENT_FILE } = parseEnv(BuildEnvSchema, process.env, 'the content loader');

// Entries are validated while mapping (with marketer-friendly messages); these schemas only type them.
export const collections = {
  pages: defineCollection({
    loader: spaceFileLoader({ file: CONTENT_FILE, collection: 'pages' }),
    schema: z.custom<LocalizedPage>(),
  }),
  settings: defineCollection({
    loader: spaceFileLoader({ file: CONTENT_FILE, collection: 'settings' }),
    schema: z.custom<{ locale: LocaleCode; settings: SiteSettings }>(),
  }),
};
