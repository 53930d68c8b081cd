import { readFile, rm, writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { functionPathsFor, scopeSsrFunctionSource } from '../lib/netlify/function-paths.ts';

/**
 * The Netlify adapter always emits a catch-all SSR function on `/*` (Astro's internal
 * server-islands route makes every build "server"), so an unknown path would invoke a function.
 * After the adapter has written it, this removes the function when no page of ours renders on
 * demand, or narrows it to exactly the on-demand routes. Landing pages and 404s stay on the CDN.
 */
export function staticPagesOnly(): AstroIntegration {
  let onDemandPatterns: string[] = [];
  let root = new URL('file:///');
  return {
    name: 'floodgate:static-pages-only',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
      },
      'astro:routes:resolved': ({ routes }) => {
        onDemandPatterns = routes
          .filter((route) => !route.isPrerendered && route.origin !== 'internal')
          .map((route) => route.pattern);
      },
      'astro:build:done': async ({ logger }) => {
        const functionDir = new URL('.netlify/v1/functions/ssr/', root);
        if (onDemandPatterns.length === 0) {
          await rm(functionDir, { recursive: true, force: true });
          logger.info('no route renders on demand: removed the SSR function, every page is a static file');
          return;
        }
        const entry = new URL('ssr.mjs', functionDir);
        const paths = functionPathsFor(onDemandPatterns);
        await writeFile(entry, scopeSsrFunctionSource(await readFile(entry, 'utf8'), paths));
        logger.info(`SSR function limited to ${paths.join(', ')}`);
      },
    },
  };
}
