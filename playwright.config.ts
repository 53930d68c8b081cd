import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 8788);

// Debian's Chromium, never a downloaded browser: this machine and CI have no route to a browser CDN.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-gpu',
  ],
};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: { baseURL: `http://127.0.0.1:${port}`, trace: 'retain-on-failure' },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 }, launchOptions: chromium },
      grepInvert: /@phone/,
    },
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], viewport: { width: 360, height: 780 }, launchOptions: chromium },
      grep: /@phone/,
    },
  ],
  // The built site served through Netlify's local emulation, exactly as `npm start` serves it.
  webServer: {
    command: `node scripts/serve.ts --port ${port} --quiet --no-worker`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    // Every test posts from 127.0.0.1: lift the per-IP limit, whose own behaviour the unit tests
    // cover. The spam score runs with its production settings: a fast fill alone never files a
    // lead as spam, and tests that submit control the page's clock (see forms.spec.ts).
    // OPS_TOKEN turns /ops/ on for tests/e2e/ops.spec.ts (a test value, never a real one).
    env: { LEADS_RATE_LIMIT_PER_MINUTE: '10000', OPS_TOKEN: 'e2e-ops-token-0123456789abcdef' },
  },
});
