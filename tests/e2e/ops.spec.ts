import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openScriptDatabase } from '../../scripts/lib/local-database.ts';
import { ackManySql } from '../../src/lib/queue/lead-sql.ts';

// The token playwright.config.ts gives the served site.
const token = 'e2e-ops-token-0123456789abcdef';
const formId = `e2e-ops-${Date.now().toString(36)}`;

/** Deliver `count` of this test's queued leads now, by the worker's own ack statement. */
async function deliver(count: number) {
  const db = await openScriptDatabase();
  try {
    // Claim only this test's leads: others' (forms.spec) stay queued for their own checks.
    const { rows } = await db.query<{ id: string }>(
      `UPDATE leads SET lease_token = 'e2e-ops', lease_expires_at = now() + interval '1 minute'
       WHERE id IN (SELECT id FROM leads WHERE state = 'queued' AND payload->>'formId' = $1 LIMIT $2)
       RETURNING id`,
      [formId, count],
    );
    const ids = rows.map((row) => row.id);
    await db.query(ackManySql, [ids, ids.map(() => 'e2e-ops'), new Date()]);
  } finally {
    await db.close();
  }
}

test.beforeAll(async () => {
  const db = await openScriptDatabase();
  try {
    // A backlog that arrived 20 minutes ago: only deliveries move the recent rates.
    await db.query(
      `INSERT INTO leads (id, idempotency_key, fingerprint, state, received_at, due_at, payload)
       SELECT $1 || '-' || g, $1 || '-' || g, 'f', 'queued', now() - interval '20 minutes',
         now() - interval '20 minutes', jsonb_build_object('formId', $1::text)
       FROM generate_series(1, 300) AS g`,
      [formId],
    );
  } finally {
    await db.close();
  }
});

test.afterAll(async () => {
  const db = await openScriptDatabase();
  await db.query(`DELETE FROM leads WHERE payload->>'formId' = $1`, [formId]).finally(() => db.close());
});

test('an operator signs in, sees both charts and the "clears by" time move as the backlog drains', async ({
  page,
}) => {
  // Generous: Netlify's database emulation (PGlite) answers in seconds on a loaded 2-core machine.
  test.setTimeout(180_000);
  const slow = { timeout: 60_000 };
  const refused = await page.goto('/ops/');
  expect(refused?.status()).toBe(401);
  await expect(page.getByText('Queued', { exact: true })).toHaveCount(0);
  await page.getByLabel('Operator token (OPS_TOKEN)').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('img', { name: /Leads per minute/ })).toBeVisible(slow);
  await expect(page.getByRole('img', { name: /Queue depth and delivered per minute/ })).toBeVisible();
  // The table behind each chart sits in a closed <details>: there for screen readers and copying.
  await page.getByText('Leads per minute: table').click();
  await expect(page.getByRole('table', { name: /Leads per minute/ })).toBeVisible();

  await deliver(40);
  const clears = page.locator('#clears-by');
  // The page refreshes itself (no reload here): the first deliveries give a pace and a time.
  await expect(clears).toHaveText(/^Backlog clears by \d\d:\d\d UTC$/, slow);
  const before = await clears.textContent();
  await deliver(240);
  await expect(clears).not.toHaveText(before ?? '', slow);
  await expect(clears).toHaveText(/^(Backlog clears by \d\d:\d\d UTC|Queue is clear)$/);
});

/** Sign in through the form, as an operator does (with or without JavaScript). */
async function signIn(page: import('@playwright/test').Page) {
  await page.goto('/ops/');
  await page.getByLabel('Operator token (OPS_TOKEN)').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('launch panels and pauses, with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the page reads as loaded: forecast, rebuilds, outbox and content report; a form is paused and resumed', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const slow = { timeout: 60_000 };
    await signIn(page);
    // Which campaigns run depends on the day; the panel says either way.
    await expect(page.getByRole('heading', { name: 'Forecast vs actual' })).toBeVisible(slow);
    await expect(
      page
        .locator('#panel-forecast')
        .getByRole('img', { name: /Accepted per minute vs forecast/ })
        .or(page.locator('#panel-forecast').getByText(/No campaign is running/))
        .first(),
    ).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Rebuilds' })).toBeVisible();
    await expect(page.locator('#rebuild-last-call')).toHaveText(/build hook call/);
    await expect(page.getByRole('heading', { name: 'Blobs outbox' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Content report (this deploy)' })).toBeVisible();

    const pausePanel = page.locator('#panel-pauses');
    // Unticked, the browser's own `required` stops the post; without it the server refuses too.
    await pausePanel.getByLabel('Pause').selectOption('form');
    await pausePanel.getByLabel('key').fill(formId);
    await pausePanel.getByLabel(/Stop delivering it/).check();
    await pausePanel.getByRole('button', { name: 'Pause delivery' }).click();
    await expect(page.getByRole('status')).toHaveText(
      `Done: form ${formId} paused. Its leads are still accepted and stored, not delivered, until resumed.`,
      slow,
    );
    const row = pausePanel.getByRole('listitem').filter({ hasText: `form ${formId}` });
    await expect(row).toBeVisible();
    await row.getByLabel(`Deliver form ${formId} again`).check();
    await row.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByRole('status')).toHaveText(`Done: form ${formId} resumed.`, slow);
    await expect(pausePanel.getByRole('listitem').filter({ hasText: `form ${formId}` })).toHaveCount(0);
  });
});

test('a cross-site post without the session cookie pauses nothing', async ({ request }) => {
  const answer = await request.post('/ops/', {
    form: { action: 'pause', kind: 'form', key: formId, confirm: 'yes' },
    headers: { origin: 'https://evil.example' },
    maxRedirects: 0,
  });
  expect(answer.status()).toBe(401);
  expect(await answer.text()).not.toContain('paused');
});

test('the signed-in control room, panels and actions included, has no axe violations (WCAG 2.1 AA)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Pause and resume delivery' })).toBeVisible({
    timeout: 60_000,
  });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const violations = results.violations.map(({ id, help, nodes }) => ({
    id,
    help,
    targets: nodes.map((node) => node.target.join(' ')),
  }));
  expect(violations).toEqual([]);
});
