import type { APIRoute } from 'astro';
import { contentReport } from '../content/site.ts';

/**
 * The build's content report. `src/integrations/content-report.ts` prints it at the end of the build
 * and moves it to `.floodgate/content-report.json` in the build output, for the ops pages.
 */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await contentReport(), null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
