import { expect, test } from '@playwright/test';

/**
 * `npm run dev` with working forms: the form posts to the lead function Netlify's Vite plugin
 * serves (through `trailingSlash: 'always'`), the lead lands in the migrated dev database, and the
 * local worker beside `astro dev` delivers it to the dev CRM.
 */
test('a lead submitted on the dev server reaches the dev CRM', async ({ page, request }, { config }) => {
  // The first post bundles the function; the worker delivers every 3 s: allow for a busy machine.
  test.setTimeout(180_000);
  const { dev, devCrm } = config.metadata as { dev: string; devCrm: string };
  const email = `dev-form-${Date.now()}@example.com`;
  // The page's clock is ours, so the spam score's fill time is what the test says (as in forms.spec.ts).
  const loadedAt = new Date('2026-12-01T09:00:00Z');
  await page.clock.install({ time: loadedAt });
  await page.goto(`${dev}/insights-2/`);
  const form = page.locator('#insights-early-access-form');
  await form.getByLabel('Work email').fill(email);
  await form.getByLabel('First name').fill('Ada');
  await form.getByLabel('Company').fill('Analytical Engines Ltd');
  await form.getByRole('checkbox').check();
  await page.clock.runFor(10_000);
  const answer = page.waitForResponse((response) =>
    new URL(response.url()).pathname.startsWith('/api/leads'),
  );
  await form.getByRole('button').click();
  expect((await answer).status()).toBe(202);
  // The form links a confirmation page: with JavaScript too, the visitor ends there.
  await expect(page).toHaveURL(/\/thank-you\/$/);

  await expect
    .poll(
      async () => {
        const received = (await (await request.get(`${devCrm}/_received`)).json()) as Array<{
          lead: { fields?: { email?: string } };
        }>;
        return received.filter((item) => item.lead.fields?.email === email).length;
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(1);
});

test('function routes answer on the dev server; pages keep their canonical trailing slash', async ({
  request,
}, { config }) => {
  const { dev } = config.metadata as { dev: string };
  const health = await request.get(`${dev}/api/leads/health`);
  expect(health.status()).not.toBe(404);
  // A page without its slash is still not served as a page (Astro's own answer), as on Netlify.
  const page = await request.get(`${dev}/insights-2`, { maxRedirects: 0 });
  expect(page.status()).not.toBe(200);
});
