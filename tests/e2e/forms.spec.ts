import { expect, test, type Page, type Request } from '@playwright/test';
import { storedLeadsFor, uniqueEmail } from './lead-store.ts';

// The Insights 2.0 page's form: email required, first name, company and job title optional.
const formPage = '/insights-2/';
const formSelector = '#insights-early-access-form';

const postsTo = (page: Page) => {
  const posts: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/leads') posts.push(request);
  });
  return posts;
};

async function fillValid(page: Page, email: string) {
  const form = page.locator(formSelector);
  await form.getByLabel('Work email').fill(email);
  await form.getByLabel('First name').fill('Ada');
  await form.getByLabel('Company').fill('Analytical Engines Ltd');
  await form.getByRole('checkbox').check();
  return form;
}

test.describe('lead form with JavaScript', () => {
  test('shows errors inline and in the summary, then accepts the corrected lead once', async ({ page }) => {
    const posts = postsTo(page);
    await page.goto(`${formPage}?utm_source=newsletter&utm_campaign=insights-launch`);
    const form = page.locator(formSelector);
    await form.getByRole('button').click();

    const summary = form.locator('[data-error-summary]');
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: 'Work email: fill in this field' })).toBeVisible();
    await expect(summary).toContainText('Consent: tick the box');
    await expect(form.getByLabel('Work email')).toHaveAttribute('aria-invalid', 'true');
    expect(posts).toHaveLength(0);

    await form.getByLabel('Work email').fill('ada@');
    await form.getByRole('checkbox').check();
    await form.getByRole('button').click();
    await expect(form.locator('[data-field="email"] .field-error')).toHaveText(
      'enter an email address like name@example.com',
    );
    await expect(form.locator('[data-field="consent"] .field-error')).toBeHidden();

    const email = uniqueEmail('js');
    await fillValid(page, email);
    await form.getByRole('button').click();
    // The form's confirmation page, where a post without JavaScript lands too.
    await expect(page).toHaveURL(/\/thank-you\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(posts).toHaveLength(1);

    const stored = await storedLeadsFor(email);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      state: 'queued',
      payload: {
        formId: 'insights-early-access',
        locale: 'en-US',
        fields: { email, firstName: 'Ada', company: 'Analytical Engines Ltd' },
        utm: { utm_source: 'newsletter', utm_campaign: 'insights-launch' },
        consent: { given: true },
      },
    });
    expect(stored[0]?.payload.fillMs).toBeGreaterThan(0);
  });

  test('a double click makes one lead', async ({ page }) => {
    const posts = postsTo(page);
    await page.goto(formPage);
    const email = uniqueEmail('double');
    const form = await fillValid(page, email);
    await form.getByRole('button').dblclick();
    await expect(page).toHaveURL(/\/thank-you\/$/);
    const keys = posts.map((post) => (post.postDataJSON() as { idempotencyKey: string }).idempotencyKey);
    expect(new Set(keys).size).toBe(1);
    expect(await storedLeadsFor(email)).toHaveLength(1);
  });

  test('retries a 503 with the same idempotency key and succeeds', async ({ page }) => {
    const posts = postsTo(page);
    let refused = 0;
    await page.route('**/api/leads', async (route) => {
      if (refused++ > 0) return route.continue();
      // Exactly what the function answers when the queue store cannot take the write.
      await route.fulfill({
        status: 503,
        headers: { 'Retry-After': '1', 'Content-Type': 'application/json' },
        body: JSON.stringify({ error: 'unavailable', message: 'We could not save your details just now.' }),
      });
    });
    await page.goto(formPage);
    const email = uniqueEmail('retry');
    const form = await fillValid(page, email);
    await form.getByRole('button').click();
    await expect(page).toHaveURL(/\/thank-you\/$/, { timeout: 10_000 });
    expect(posts).toHaveLength(2);
    const [first, second] = posts.map(
      (post) => (post.postDataJSON() as { idempotencyKey: string }).idempotencyKey,
    );
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
    expect(await storedLeadsFor(email)).toHaveLength(1);
  });

  test('a field changed after a refused attempt is sent under a new key, and stored as changed', async ({
    page,
  }) => {
    const posts = postsTo(page);
    let refused = 0;
    await page.route('**/api/leads', async (route) => {
      if (refused++ > 0) return route.continue();
      await route.fulfill({
        status: 429,
        headers: { 'Retry-After': '1', 'Content-Type': 'application/json' },
        body: JSON.stringify({ error: 'rate_limited', message: 'Too many sign-ups.' }),
      });
    });
    await page.goto(formPage);
    const email = uniqueEmail('rekey');
    const form = await fillValid(page, email);
    await form.getByRole('button').click();
    await expect(form.locator('[data-error-summary]')).toContainText('Too many');
    await form.getByLabel('First name').fill('Augusta');
    await form.getByRole('button').click();
    await expect(page).toHaveURL(/\/thank-you\/$/);
    const [first, second] = posts.map(
      (post) => (post.postDataJSON() as { idempotencyKey: string }).idempotencyKey,
    );
    expect(second).not.toBe(first);
    const stored = await storedLeadsFor(email);
    expect(stored.map((lead) => lead.payload.fields.firstName)).toEqual(['Augusta']);
  });

  test('tells the visitor plainly when the store stays down, and keeps what they typed', async ({ page }) => {
    await page.route('**/api/leads', (route) =>
      route.fulfill({ status: 503, headers: { 'Retry-After': '0' }, body: '{"error":"unavailable"}' }),
    );
    await page.clock.install();
    await page.goto(formPage);
    const email = uniqueEmail('down');
    const form = await fillValid(page, email);
    await form.getByRole('button').click();
    // Each retry waits on a timer set only after the previous answer arrived: keep moving the clock
    // on until the script has used up its attempts.
    const summary = form.locator('[data-error-summary]');
    await expect
      .poll(async () => {
        await page.clock.runFor(5_000);
        return summary.textContent();
      })
      .toContain('We could not send your details');
    await expect(form.getByLabel('Work email')).toHaveValue(email);
    await expect(form.getByRole('button')).toHaveAttribute('aria-disabled', 'false');
    expect(await storedLeadsFor(email)).toHaveLength(0);
  });

  test('counts a limit as the endpoint does, emoji as two, even for a value a script set', async ({
    page,
  }) => {
    const posts = postsTo(page);
    await page.goto(formPage);
    const form = await fillValid(page, uniqueEmail('limit'));
    const firstName = form.getByLabel('First name');
    await expect(firstName).toHaveAttribute('maxlength', '100');
    // 100 code points but 101 UTF-16 units: what maxlength would have stopped a person typing.
    await firstName.evaluate((input: HTMLInputElement) => (input.value = `${'x'.repeat(99)}😀`));
    await form.getByRole('button').click();
    await expect(form.locator('[data-field="firstName"] .field-error')).toHaveText(
      'use 100 characters or fewer',
    );
    expect(posts).toHaveLength(0);
  });

  test('speaks German on German pages', async ({ page }) => {
    await page.goto(`/de${formPage}`);
    const form = page.locator(formSelector);
    await form.getByRole('button').click();
    await expect(form.locator('[data-error-summary]')).toContainText('Bitte prüfen Sie Ihre Angaben');
    await expect(form.getByRole('link', { name: 'Geschäftliche E-Mail: bitte ausfüllen' })).toBeVisible();
  });
});

test('an autofilled sign-up submitted 500 ms after the page loads reaches the queue as a lead', async ({
  page,
}) => {
  // The page's clock is ours: the fill time the script measures is exactly what the test says,
  // against the endpoint's real LEADS_MIN_FILL_MS (2.5 s).
  const loadedAt = new Date('2026-12-01T09:00:00Z');
  await page.clock.install({ time: loadedAt });
  await page.clock.pauseAt(new Date(loadedAt.getTime() + 1000));
  await page.goto(formPage);
  const email = uniqueEmail('autofill');
  // Autofill: every field filled at once, the moment the page is there.
  await fillValid(page, email);
  await page.clock.runFor(500);
  const form = page.locator(formSelector);
  await form.getByRole('button').click();
  await expect(page).toHaveURL(/\/thank-you\/$/);
  const stored = await storedLeadsFor(email);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ state: 'queued', payload: { fillMs: 500 } });
});

test.describe('lead form without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('posts, redirects to the thank-you page and stores the lead', async ({ page }) => {
    await page.goto(formPage);
    const email = uniqueEmail('nojs');
    const form = await fillValid(page, email);
    await form.getByRole('button').click();
    await expect(page).toHaveURL(/\/thank-you\/$/);
    const stored = await storedLeadsFor(email);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ state: 'queued', payload: { fillMs: null, locale: 'en-US' } });
  });

  test('shows the server’s errors on a page that links back to the form', async ({ page }) => {
    await page.goto(`/de${formPage}`);
    const form = page.locator(formSelector);
    // The browser accepts a dotless domain; the endpoint does not.
    await form.getByLabel('Geschäftliche E-Mail').fill('ada@localhost');
    await form.getByRole('checkbox').check();
    await form.getByRole('button').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bitte prüfen Sie Ihre Angaben');
    await expect(page.getByRole('alert').getByRole('listitem')).toHaveText(
      'Geschäftliche E-Mail: bitte eine E-Mail-Adresse wie name@beispiel.de eingeben',
    );
    await page.getByRole('link', { name: 'Zurück zum Formular' }).click();
    await expect(page).toHaveURL(/\/de\/insights-2\/#insights-early-access-form$/);
    await expect(page.locator(formSelector)).toBeVisible();
  });

  test('the error page is a page of the site in German that keeps every value and sends again', async ({
    page,
  }) => {
    await page.goto(`/de${formPage}`);
    const form = page.locator(formSelector);
    await form.getByLabel('Geschäftliche E-Mail').fill('ada@localhost');
    await form.getByLabel('Vorname').fill('Ada');
    await form.getByLabel('Unternehmen').fill('Analytical Engines Ltd');
    await form.getByLabel('Position').fill('Mathematikerin');
    await form.getByRole('checkbox').check();
    await form.getByRole('button').click();

    await expect(page).toHaveURL(/\/api\/leads$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    const stylesheet = page.locator('link[rel="stylesheet"][href^="/_astro/"]');
    await expect(stylesheet).toHaveCount(1);
    expect(
      await stylesheet.evaluate((link) => (link as HTMLLinkElement).sheet?.cssRules.length),
    ).toBeGreaterThan(10);
    await expect(page.locator('body')).toHaveCSS('font-family', /Inter Variable/);
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bitte prüfen Sie Ihre Angaben');

    const resend = page.locator('main form');
    const email = resend.getByLabel('Geschäftliche E-Mail');
    await expect(email).toHaveValue('ada@localhost');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription(
      'bitte eine E-Mail-Adresse wie name@beispiel.de eingeben',
    );
    await expect(resend.getByLabel('Vorname')).toHaveValue('Ada');
    await expect(resend.getByLabel('Unternehmen')).toHaveValue('Analytical Engines Ltd');
    await expect(resend.getByLabel('Position')).toHaveValue('Mathematikerin');
    await expect(resend.getByRole('checkbox')).toBeChecked();
    await expect(resend.getByRole('link', { name: 'Datenschutzhinweis' })).toHaveAttribute(
      'href',
      '/de/datenschutz/',
    );

    const fixed = uniqueEmail('nojs-resend');
    await email.fill(fixed);
    await resend.getByRole('button', { name: 'Erneut senden' }).click();
    await expect(page).toHaveURL(/\/de\/danke\/$/);
    const stored = await storedLeadsFor(fixed);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      payload: {
        locale: 'de-DE',
        pageSlug: 'insights-2',
        fields: { firstName: 'Ada', company: 'Analytical Engines Ltd', jobTitle: 'Mathematikerin' },
      },
    });
  });
});

test('the consent text links to the privacy page in the form’s locale', async ({ page }) => {
  for (const [path, name, href] of [
    [formPage, 'privacy notice', '/privacy/'],
    [`/de${formPage}`, 'Datenschutzhinweis', '/de/datenschutz/'],
  ] as const) {
    await page.goto(path);
    const link = page.locator(`${formSelector} .consent-label`).getByRole('link', { name });
    await expect(link).toHaveAttribute('href', href);
    await link.click();
    await expect(page).toHaveURL(href);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
});

test('a phone visitor can sign up with the keyboard alone @phone', async ({ page }) => {
  await page.goto(formPage);
  const form = page.locator(formSelector);
  const email = uniqueEmail('keyboard');
  await form.getByLabel('Work email').focus();
  await page.keyboard.type(email);
  await expect(form.getByLabel('Work email')).toHaveAttribute('inputmode', 'email');
  // Tab through the optional fields to the consent box, tick it with Space, send with Enter.
  const consent = form.getByRole('checkbox');
  for (let step = 0; step < 10 && !(await consent.evaluate((el) => el === document.activeElement)); step++)
    await page.keyboard.press('Tab');
  await expect(consent).toBeFocused();
  await page.keyboard.press('Space');
  // The consent text's privacy link comes next, then the button.
  await page.keyboard.press('Tab');
  await expect(form.locator('.consent-label a')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(form.getByRole('button')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/thank-you\/$/);
  expect(await storedLeadsFor(email)).toHaveLength(1);
});
