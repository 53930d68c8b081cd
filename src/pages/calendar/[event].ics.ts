import type { APIRoute, GetStaticPaths } from 'astro';
import { allPages } from '../../content/site.ts';
import { icsFile } from '../../lib/calendar/ics.ts';
import { eventsOf } from '../../lib/calendar/site-events.ts';

/** One calendar file per event block and language, generated at build time. */
export const getStaticPaths = (async () =>
  eventsOf(await allPages()).map(({ file, event }) => ({
    params: { event: file },
    props: { event },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(icsFile((props as { event: Parameters<typeof icsFile>[0] }).event), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
