import type { APIRoute } from 'astro';
import { redirectRules } from '../content/site.ts';
import { redirectsFile } from '../lib/content/redirect-rules.ts';

/**
 * The site's redirects in Netlify's `_redirects` format. `src/integrations/content-report.ts`
 * appends them to `_redirects` in the build output (the Netlify adapter may write its own first).
 */
export const GET: APIRoute = async () =>
  new Response(redirectsFile(await redirectRules()), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
