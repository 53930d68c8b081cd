import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { Connect, Plugin } from 'vite';
import type { FunctionRoutes } from './dev-function-routes.ts';

/**
 * `astro dev` with working forms, as under `npm start`: Netlify's Vite plugin (from
 * @astrojs/netlify) already serves `netlify/functions` and Netlify Database; this adds what it
 * lacks. Before the server answers: the migrations, applied to the emulated database (NetlifyDev
 * applies none). Once it listens: the dev CRM on the next port (or `DEV_CRM_PORT`) and the local
 * delivery worker draining the queue into it every 3 s. And the function routes reach the
 * functions (see `functionRoutesFirst`). A build never runs any of this.
 */
export function devLeads(options: { enabled: boolean }): AstroIntegration {
  return {
    name: 'floodgate:dev-leads',
    hooks: {
      'astro:config:setup': async ({ command, config, logger, updateConfig }) => {
        // Vitest loads this config as a dev server too (component tests): it needs none of this.
        if (command !== 'dev' || !options.enabled) return;
        // Netlify's Vite plugin opens .netlify/db without asking who else has it (PGlite allows one owner).
        const { assertDatabaseFree, LOCAL_DB_DIRECTORY } = await import('./local-database.ts');
        await assertDatabaseFree(new URL(LOCAL_DB_DIRECTORY, config.root).pathname);
        const { readFunctionRoutes } = await import('./dev-function-routes.ts');
        const routes = await readFunctionRoutes(new URL('netlify/functions/', config.root));
        updateConfig({ vite: { plugins: [functionRoutesFirst(routes), deliveryBeside(logger)] } });
      },
    },
  };
}

/**
 * Runs after Netlify's Vite plugin has started its NetlifyDev (Vite awaits each plugin's
 * `configureServer` in order, and `enforce: 'post'` puts this one last; Astro's own
 * `astro:server:setup` hook fires before the database is up), and before the server listens.
 */
function deliveryBeside(logger: AstroIntegrationLogger): Plugin {
  return {
    name: 'floodgate:dev-delivery',
    apply: 'serve',
    enforce: 'post',
    async configureServer(server) {
      const { migrateDevDatabase, startDevDelivery } = await import('./dev-delivery.ts');
      const database = await migrateDevDatabase(logger);
      const { httpServer } = server;
      httpServer?.once('listening', () => {
        const address = httpServer.address();
        const sitePort = typeof address === 'object' && address ? address.port : 0;
        const started = startDevDelivery({ sitePort, logger });
        httpServer.once('close', () => void started.then((stop) => stop()).then(() => database?.stop()));
      });
    },
  };
}

/**
 * With `trailingSlash: 'always'` (the site's canonical URLs end in `/`), Astro's dev server answers
 * `/api/leads` with its own 404 before Netlify's middleware sees it. On Netlify, function routes
 * come before the CDN's pages. So, in dev only, a request for a function route without its slash
 * is handed on with one: Astro's check passes, and Netlify's router matches function paths with a
 * trailing slash dropped (@netlify/functions-dev `matchURLPath`), so the function answers it.
 */
function functionRoutesFirst(routes: FunctionRoutes): Plugin {
  const handle: Connect.NextHandleFunction = (request, _response, next) => {
    const [path = '/', query] = (request.url ?? '/').split(/\?(.*)/s, 2);
    if (!path.endsWith('/') && routes.matches(path))
      request.url = `${path}/${query === undefined ? '' : `?${query}`}`;
    next();
  };
  return {
    name: 'floodgate:function-routes-first',
    apply: 'serve',
    // Astro puts its trailing-slash check at the front of the stack in its own post hook
    // (astro/dist/vite-plugin-astro-server/plugin.js); this post hook runs after it, in front of it.
    enforce: 'post',
    configureServer(server) {
      return () => void server.middlewares.stack.unshift({ route: '', handle });
    },
  };
}
