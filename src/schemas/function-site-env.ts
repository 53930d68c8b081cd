import { z } from 'zod';

/**
 * Where a function reaches its own site, e.g. to start one of our background functions with a
 * bearer token. Configuration only: the request's Host (or X-Forwarded-Host) is chosen by whoever
 * sends it, so a URL built from it would hand the token to their server. On Netlify `DEPLOY_URL`
 * comes first, so a deploy preview calls its own functions (and its own database branch), then
 * `URL` (https://docs.netlify.com/build/functions/environment-variables/); locally `SITE_URL` (the
 * local server sets it to its own address).
 */
export const FunctionSiteUrlShape = {
  SITE_URL: z.url({ error: 'SITE_URL must be an absolute URL such as https://www.example.com' }).optional(),
  DEPLOY_URL: z.url({ error: 'DEPLOY_URL must be an absolute URL' }).optional(),
  URL: z.url({ error: 'URL (set by Netlify) must be an absolute URL' }).optional(),
};

/** The configured site URL, or undefined when none is set (then nothing is started over HTTP). */
export const functionSiteUrl = (env: { SITE_URL?: string; DEPLOY_URL?: string; URL?: string }) =>
  env.DEPLOY_URL ?? env.URL ?? env.SITE_URL;
