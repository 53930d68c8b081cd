import { expect, test } from '@playwright/test';
import { openScriptDatabase } from '../../scripts/lib/local-database.ts';

// The token playwright.config.ts gives the served site.
const token = 'e2e-ops-token-0123456789abcdef';
const run = Date.now().toString(36);
// Leads of the winter sale's form in one fixed minute, opened with an explicit window: the figures
// never depend on today's date (the rollups keep every run's minute; the count only grows).
const minute = '2026-12-07T18:00:00Z';

test.beforeAll(async () => {
  const db = await openScriptDatabase();
  try {
    await db.query(
      `INSERT INTO leads (id, idempotency_key, fingerprint, state, received_at, due_at, payload)
       SELECT $1 || '-' || g, $1 || '-' || g, 'f', 'queued', $2::timestamptz, $2::timestamptz,
         jsonb_build_object('formId', 'winter-sale-offer')
       FROM generate_series(1, 5) AS g`,
      [`e2e-report-${run}`, minute],
    );
  } finally {
    await db.close();
  }
});

test.afterAll(async () => {
  const db = await openScriptDatabase();
  await db.query(`DELETE FROM leads WHERE id LIKE $1`, [`e2e-report-${run}-%`]).finally(() => db.close());
});

test('/ops/ links the post-campaign report, which shows the campaign and draws its charts under the CSP', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const slow = { timeout: 60_000 };
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto('/ops/');
  await page.getByLabel('Operator token (OPS_TOKEN)').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const panel = page.locator('#panel-report');
  await expect(panel.getByRole('heading', { name: 'Post-campaign report' })).toBeVisible(slow);
  await panel.getByRole('link', { name: 'Winter sale 2026 (winter-sale-2026)' }).click();
  await expect(page).toHaveURL(/\/ops\/report\/\?campaign=winter-sale-2026$/);
  await expect(page.getByRole('heading', { name: 'Winter sale 2026 (winter-sale-2026)' })).toBeVisible(slow);

  await page.getByLabel('From', { exact: true }).fill('2026-12-07T18:00Z');
  await page.getByLabel('To', { exact: true }).fill('2026-12-07T19:00Z');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/campaign=winter-sale-2026&from=2026-12-07T18%3A00Z&to=2026-12-07T19%3A00Z/);
  const accepted = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'Accepted', exact: true }) });
  await expect(accepted).toHaveText(/Accepted\s*\d+/, slow);
  expect(
    Number((await accepted.locator('td').nth(1).textContent())?.replace(/\D/g, '')),
  ).toBeGreaterThanOrEqual(5);
  // Chart.js and the drawing script come from /ops/report/ (script-src 'self'): the intake chart is drawn.
  await expect(page.locator('body')).toHaveAttribute('data-charts-drawn', '1');
  await expect(page.getByRole('img', { name: /Submissions per minute/ })).toBeVisible();
  expect(errors.filter((text) => /Content Security Policy|Refused/.test(text))).toEqual([]);
});
