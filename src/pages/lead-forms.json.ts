import type { APIRoute } from 'astro';
import { allPages } from '../content/site.ts';
import { formConfigsFrom } from '../lib/leads/form-configs.ts';

/**
 * The rules of every lead form, published with the deploy so the lead function judges a post by
 * the same content the page was built from (and a new deploy's function reads its own deploy's
 * rules). Everything in it is already public in the pages' HTML.
 */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(formConfigsFrom(await allPages())), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
