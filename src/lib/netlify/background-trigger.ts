import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Starting one of our own background functions from another function. Background functions have
 * no `config.path`, so anyone who knows Netlify's default path could start them; a bearer token
 * derived from a secret the site already has (one per `purpose`) keeps strangers to a 401 instead
 * of a 15-minute invocation, with no second secret to configure.
 */
export const backgroundToken = (secret: string, purpose: string): string =>
  createHmac('sha256', secret).update(`floodgate: ${purpose}`).digest('hex');

/** Whether `request` carries the token for `purpose`. */
export function hasBackgroundToken(request: Request, secret: string, purpose: string): boolean {
  const expected = Buffer.from(`Bearer ${backgroundToken(secret, purpose)}`);
  const given = Buffer.from(request.headers.get('authorization') ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** POST to the background function at `path` on `siteUrl`; Netlify answers 202 at once. */
export async function triggerBackgroundFunction(input: {
  siteUrl: string;
  path: string;
  secret: string;
  purpose: string;
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
}): Promise<void> {
  const response = await input.fetch(new URL(input.path, input.siteUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${backgroundToken(input.secret, input.purpose)}` },
    signal: AbortSignal.timeout(input.timeoutMs ?? 5_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`${input.path} answered HTTP ${response.status}`);
}
