import { z } from 'zod';

/**
 * Variables the build reads. Netlify sets `URL` (the site's primary address) in every build;
 * `SITE_URL` overrides it. Locally neither is needed.
 * https://docs.netlify.com/configure-builds/environment-variables/#deploy-urls-and-metadata
 */
export const BuildEnvSchema = z.object({
  SITE_URL: z.url({ error: 'SITE_URL must be an absolute URL such as https://www.example.com' }).optional(),
  URL: z.url({ error: 'URL (set by Netlify) must be an absolute URL' }).optional(),
  CONTENT_FILE: z
    .string()
    .min(1)
    .default('content/space.json')
    .describe('the embedded space export to build from'),
  OUT_DIR: z
    .string()
    .min(1)
    .default('dist')
    .describe('where the static site is written; benchmarks build elsewhere'),
  FORM_RULES_FILE: z
    .string()
    .min(1)
    .default('.floodgate/form-rules.json')
    .describe('where the build writes the form rules the lead function bundles; test builds write elsewhere'),
});

export type BuildEnv = z.infer<typeof BuildEnvSchema>;

/** The site's public origin: canonical URLs, sitemap and Open Graph tags are built on it. */
export function siteUrl(env: BuildEnv): string {
  return env.SITE_URL ?? env.URL ?? 'http://localhost:8888';
}
