import type { APIRoute } from 'astro';
import { launchForecasts } from '../content/site.ts';

/**
 * Every campaign's launch-ticket forecast. Never published: `src/integrations/ops-bundle.ts` moves
 * it out of the site into the file the ops functions bundle (forecast vs actual on /ops/).
 */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await launchForecasts()), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
