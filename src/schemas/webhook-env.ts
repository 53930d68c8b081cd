import { z } from 'zod';
import { FunctionSiteUrlShape } from './function-site-env.ts';

// A string check rather than z.coerce: "soon" must be reported as malformed, not as unset.
const wholeSeconds = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number of seconds')
    .default(String(fallback))
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/**
 * Variables the Contentful webhook and the functions that close rebuild windows read, parsed once
 * at start-up with `parseEnv`. A missing secret or build hook stops the function with a message
 * naming it, instead of accepting unverified webhooks or losing rebuilds silently.
 */
export const RebuildEnvSchema = z.object({
  /**
   * Contentful's webhook signing secret (Settings › Webhooks › Settings › Enable request
   * verification). Contentful makes it exactly 64 characters of [0-9a-zA-Z+/=_-]:
   * https://www.contentful.com/developers/docs/webhooks/secrets/
   */
  CONTENTFUL_WEBHOOK_SECRET: z.string().regex(/^[0-9a-zA-Z+/=_-]{64}$/, {
    error: 'must be the 64-character signing secret from Contentful (Settings › Webhooks › Settings)',
  }),
  /** The Netlify build hook (Site configuration › Build & deploy › Build hooks) the closer POSTs to. */
  NETLIFY_BUILD_HOOK_URL: z.url({
    protocol: /^https?$/,
    error: 'must be the build hook URL, such as https://api.netlify.com/build_hooks/…',
  }),
  /** Optional `trigger_branch` for the build hook; by default the hook builds its own branch. */
  NETLIFY_BUILD_HOOK_BRANCH: z.string().min(1).optional(),
  /** How long the first relevant event waits for others before one build is requested. */
  REBUILD_WINDOW_SECONDS: wholeSeconds(1, 600, 30),
  /**
   * Webhooks signed longer ago than this (or this far in the future) are refused as replays.
   * Contentful's own toolkit defaults to 30 s; 60 s leaves room for its retries and clock skew.
   */
  CONTENTFUL_WEBHOOK_MAX_AGE_SECONDS: wholeSeconds(5, 3600, 60),
  /** Where the webhook starts the background closer: `functionSiteUrl`, never the request's Host. */
  ...FunctionSiteUrlShape,
});

export type RebuildEnv = z.infer<typeof RebuildEnvSchema>;
