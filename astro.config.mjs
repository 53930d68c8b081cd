// @ts-check
import netlify from '@astrojs/netlify';
import { defineConfig } from 'astro/config';
import { BuildEnvSchema, siteUrl } from './src/schemas/build-env.ts';
import { parseEnv } from './src/lib/env/parse-env.ts';
import { devHeaders } from './src/integrations/dev-headers.ts';
import { staticPagesOnly } from './src/integrations/static-pages-only.ts';
import { bundledFormRules } from './src/integrations/form-rules.ts';
import { devLeads } from './scripts/lib/dev-leads.ts';
import { contentReport } from './src/integrations/content-report.ts';
import { bundledConsentTexts } from './src/integrations/consent-texts.ts';
import { opsBundle } from './src/integrations/ops-bundle.ts';
import { dirname } from 'node:path';

const env = parseEnv(BuildEnvSchema, process.env, 'the build');
// Vitest loads this config (getViteConfig) for component tests. The Netlify adapter empties
// .netlify/build and .netlify/v1/functions/ssr whenever it is set up, which broke any `astro build`
// running while someone ran unit tests; tests never need it. Builds spawned by tests keep it.
const loadedByVitest = process.env.VITEST === 'true' && /vitest/.test(process.argv[1] ?? '');

export default defineConfig({
  site: siteUrl(env),
  output: 'static',
  outDir: env.OUT_DIR,
  integrations: [
    staticPagesOnly(),
    devHeaders(),
    devLeads({ enabled: !loadedByVitest }),
    bundledFormRules({ file: env.FORM_RULES_FILE }),
    bundledConsentTexts({ formRulesFile: env.FORM_RULES_FILE }),
    contentReport(),
    // After contentReport(): bundles its report and the launch forecasts with the ops functions.
    opsBundle({ directory: dirname(env.FORM_RULES_FILE) }),
  ],
  trailingSlash: 'always',
  // Edge functions need a Deno download, which this project's machines cannot make.
  adapter: loadedByVitest
    ? undefined
    : netlify({
        imageCDN: false,
        devFeatures: { edgeFunctions: false, images: false, environmentVariables: false },
      }),
  build: {
    format: 'directory',
    // External stylesheets only, so the Content-Security-Policy can forbid inline styles.
    inlineStylesheets: 'never',
  },
  vite: {
    ssr: {
      // Its `import` entry is ESM in a `.js` file of a package without `"type": "module"`: Node only
      // loads it by syntax detection, which Lambda's runtime turns off (--no-experimental-detect-module),
      // so left external it fails the preview function on Netlify. Bundled, Vite resolves it as ESM.
      noExternal: ['@contentful/rich-text-html-renderer'],
    },
    build: {
      // Never inline scripts or images as data: URIs, for the same CSP reason.
      assetsInlineLimit: 0,
    },
  },
});
