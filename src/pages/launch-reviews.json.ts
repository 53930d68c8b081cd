import type { APIRoute } from 'astro';
import { launchReviewsForBundle } from '../content/site.ts';

/**
 * Each upcoming launch ticket's review as of this build. Never published:
 * `src/integrations/ops-bundle.ts` moves it out of the site into the file the alert schedule
 * bundles, which sends each new or changed ticket's review once (docs/runbook.md).
 */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await launchReviewsForBundle()), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
