import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 8788);
const devPort = port + 1;
/** The dev CRM `astro dev` starts beside itself (dev-leads.ts), where the form test finds leads. */
const devCrmPort = port + 2;
/** A copy of the embedded content the dev server reads, so a test can break and fix it. */
const devContentFile = join(tmpdir(), `floodgate-dev-content-${devPort}.json`);

// `astro dev` next to the built site as `npm start` serves it, to compare the two. Run after a
// build (`npm run test:e2e` builds first).
export default defineConfig({
  testDir: 'tests/e2e-dev',
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-gpu',
      ],
    },
  },
  metadata: {
    built: `http://127.0.0.1:${port}`,
    dev: `http://127.0.0.1:${devPort}`,
    devCrm: `http://127.0.0.1:${devCrmPort}`,
    devContentFile,
  },
  webServer: [
    {
      // Its own database directory: `astro dev` has .netlify/db (Netlify's Vite plugin opens it).
      command: `node scripts/serve.ts --port ${port} --quiet --no-worker --database-directory .netlify/db-e2e-built`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `cp content/space.json ${devContentFile} && npx astro dev --port ${devPort} --host 127.0.0.1`,
      url: `http://127.0.0.1:${devPort}/`,
      reuseExistingServer: false,
      // Vite optimises dependencies on the first start; on a busy 2-core machine that takes a while.
      timeout: 180_000,
      env: { CONTENT_FILE: devContentFile, DEV_CRM_PORT: String(devCrmPort) },
    },
  ],
});
