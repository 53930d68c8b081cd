import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { devContentSecurityPolicy } from '../lib/dev/dev-csp.ts';

/**
 * `astro dev` with the headers `npm start` and Netlify send (netlify.toml), on every response:
 * the Netlify adapter's dev middleware applies them to public files only, so pages rendered by
 * Astro had none. The Content-Security-Policy is widened by exactly what Vite's dev server needs
 * (`devContentSecurityPolicy`); a build never loads this plugin.
 */
export function devHeaders(): AstroIntegration {
  return {
    name: 'floodgate:dev-headers',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'dev') return;
        const projectDir = new URL('.', config.root).pathname;
        updateConfig({
          // Its inline bootstrap script would need script-src 'unsafe-inline'; the page does not.
          devToolbar: { enabled: false },
          vite: { plugins: [devHeadersPlugin(projectDir)] },
        });
      },
    },
  };
}

function devHeadersPlugin(projectDir: string): Plugin {
  return {
    name: 'floodgate:dev-headers',
    apply: 'serve',
    // After the Netlify adapter's middleware, so these values are the last word.
    enforce: 'post',
    async configureServer(server) {
      // Loaded here, in dev only: the build never needs Netlify's dev tooling.
      const { HeadersHandler } = await import('@netlify/headers');
      const rules = new HeadersHandler({
        projectDir,
        configPath: `${projectDir}netlify.toml`,
        logger: { log: () => undefined, warn: console.warn, error: console.error },
      });
      server.middlewares.use((request, response, next) => {
        const url = new URL(request.url ?? '/', 'http://dev.invalid');
        rules
          .apply(new Request(url))
          .then((headers) => {
            for (const [name, value] of Object.entries(headers)) {
              const isPolicy = name.toLowerCase() === 'content-security-policy';
              response.setHeader(name, isPolicy ? devContentSecurityPolicy(value) : value);
            }
            next();
          })
          .catch(next);
      });
    },
  };
}
