import { defineMiddleware } from 'astro:middleware';
import { onDemandResponse } from './lib/http/on-demand-headers.ts';

/** Pages rendered on demand (only `/preview`) get their security headers here; static pages from `netlify.toml`. */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered) return response;
  return onDemandResponse(response, context.url.pathname, context.locals.previewFramers);
});
