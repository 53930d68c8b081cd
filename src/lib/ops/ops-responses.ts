import { OPS_SCRIPT, OPS_STYLES } from './ops-assets.ts';

const html = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'x-robots-tag': 'noindex, nofollow', ...headers },
  });

/** Every ops answer: never cached, never indexed (the security headers add the rest). */
export const opsResponses = {
  html,
  json: (body: unknown, status = 200) =>
    Response.json(body, { status, headers: { 'x-robots-tag': 'noindex, nofollow' } }),
  /** Post/redirect/get: a reload never repeats an action. */
  seeOther: (location: string, headers: Record<string, string> = {}) =>
    new Response(null, { status: 303, headers: { location, ...headers } }),
  /** OPS_TOKEN unset: the room is off, not open. */
  off: () =>
    new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
  script: () => new Response(OPS_SCRIPT, { headers: { 'content-type': 'text/javascript; charset=utf-8' } }),
  styles: () => new Response(OPS_STYLES, { headers: { 'content-type': 'text/css; charset=utf-8' } }),
};
