import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where the webhook starts the background closer (Netlify's default path for a function without `path`). */
export const BACKGROUND_CLOSER_PATH = '/.netlify/functions/rebuild-windows-background';

/**
 * The bearer token that lets the webhook start the background closer. Derived from the webhook
 * secret, so there is no second secret to configure, and anyone else gets a 401 instead of
 * keeping a 15-minute function busy.
 */
export const closerToken = (secret: string): string =>
  createHmac('sha256', secret).update('floodgate: close rebuild windows').digest('hex');

/** Whether `request` carries the closer token. */
export function isCloserRequest(request: Request, secret: string): boolean {
  const expected = Buffer.from(`Bearer ${closerToken(secret)}`);
  const given = Buffer.from(request.headers.get('authorization') ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Start the background closer on the site that received `webhookUrl`. Netlify answers 202 at once;
 * a failure only delays the build to the next scheduled closer run, so it is reported, not thrown.
 */
export async function triggerBackgroundCloser(input: {
  webhookUrl: string;
  secret: string;
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
}): Promise<void> {
  const response = await input.fetch(new URL(BACKGROUND_CLOSER_PATH, input.webhookUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${closerToken(input.secret)}` },
    signal: AbortSignal.timeout(input.timeoutMs ?? 5_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the background closer answered HTTP ${response.status}`);
}
