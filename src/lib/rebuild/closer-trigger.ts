import { hasBackgroundToken, triggerBackgroundFunction } from '../netlify/background-trigger.ts';

/** Where the webhook starts the background closer (Netlify's default path for a function without `path`). */
export const BACKGROUND_CLOSER_PATH = '/.netlify/functions/rebuild-windows-background';
const purpose = 'close rebuild windows';

/** Whether `request` carries the closer's bearer token (derived from the webhook secret). */
export const isCloserRequest = (request: Request, secret: string): boolean =>
  hasBackgroundToken(request, secret, purpose);

/**
 * Start the background closer on `siteUrl`, the configured site URL (never one taken from the
 * request: the token would go wherever its Host points). A failure only delays the build to the
 * next scheduled closer run, so callers report it rather than fail the webhook.
 */
export const triggerBackgroundCloser = (input: {
  siteUrl: string;
  secret: string;
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
}): Promise<void> => triggerBackgroundFunction({ ...input, path: BACKGROUND_CLOSER_PATH, purpose });
