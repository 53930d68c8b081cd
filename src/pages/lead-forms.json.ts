import type { APIRoute } from 'astro';
import { allPages } from '../content/site.ts';
import { formConfigsFrom } from '../lib/leads/form-configs.ts';

/**
 * The rules of every lead form, computed from the same content the pages are built from. Never
 * published: `src/integrations/form-rules.ts` moves the file out of the site into the module the
 * lead function bundles, so each deploy's function judges posts by that deploy's forms.
 */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(formConfigsFrom(await allPages())), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
