// @ts-check
import netlify from '@astrojs/netlify';
import { defineConfig } from 'astro/config';
import { BuildEnvSchema, siteUrl } from './src/schemas/build-env.ts';
import { parseEnv } from './src/lib/env/parse-env.ts';
import { staticPagesOnly } from './src/integrations/static-pages-only.ts';

const env = parseEnv(BuildEnvSchema, process.env, 'the build');

export default defineConfig({
  site: siteUrl(env),
  output: 'static',
  outDir: env.OUT_DIR,
  integrations: [staticPagesOnly()],
  trailingSlash: 'always',
  // Edge functions need a Deno download, which this project's machines cannot make.
  adapter: netlify({
    imageCDN: false,
    devFeatures: { edgeFunctions: false, images: false, environmentVariables: false },
  }),
  build: {
    format: 'directory',
    // External stylesheets only, so the Content-Security-Policy can forbid inline styles.
    inlineStylesheets: 'never',
  },
  vite: {
    build: {
      // Never inline scripts or images as data: URIs, for the same CSP reason.
      assetsInlineLimit: 0,
    },
  },
});
