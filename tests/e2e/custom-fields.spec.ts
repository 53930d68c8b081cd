import { expect, test, type Page } from '@playwright/test';
import { storedLeadsFor, uniqueEmail } from './lead-store.ts';

// The webinar form's "role" select is defined only in content (content/space.json, a formField
// entry): no code names it. Page, script and function all take its rules from that definition.
const webinarPage = '/webinar-feedback-to-roadmap/';
// Its German slug (content: the page's localized slug).
const germanWebinarPage = '/de/webinar-vom-feedback-zur-roadmap/';
const formSelector = '#webinar-2026-12-form';

async function fillWebinar(page: Page, email: string, german = false) {
  const form = page.locator(formSelector);
  await form.getByLabel(german ? 'Geschäftliche E-Mail' : 'Work email').fill(email);
  await form.getByLabel(german ? 'Vorname' : 'First name').fill('Grace');
  await form.getByLabel(german ? 'Nachname' : 'Last name').fill('Hopper');
  await form.getByRole('checkbox').check();
  return form;
}

/** Make the chosen option post a value no definition allows: only the endpoint can catch it. */
const tamperRole = (page: Page) =>
  page.locator(`${formSelector} select[name="role"]`).evaluate((select: HTMLSelectElement) => {
    select.required = false;
    const option = select.options[1];
    option.value = 'astronaut';
    select.value = 'astronaut';
  });

test.describe('a field defined in Contentful, with JavaScript', () => {
  test('is required in the browser, chosen, and reaches the queue under its id', async ({ page }) => {
    await page.goto(webinarPage);
    const email = uniqueEmail('role-js');
    const form = await fillWebinar(page, email);
    const role = form.getByLabel('Your role');
    await expect(role).toHaveAttribute('required', '');
    await form.getByRole('button').click();
    await expect(form.locator('[data-error-summary]')).toContainText('Your role: choose one of the options');
    await expect(form.locator('[data-field="role"] .field-error')).toHaveText('choose one of the options');
    await role.selectOption({ label: 'Leadership' });
    await form.getByRole('button').click();
    await expect(page).toHaveURL(/\/webinar-registered\/$/);
    const stored = await storedLeadsFor(email);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      state: 'queued',
      payload: { formId: 'webinar-2026-12', fields: { email, lastName: 'Hopper', role: 'leadership' } },
    });
  });

  test('is validated by the endpoint too, with the same message', async ({ page }) => {
    await page.goto(webinarPage);
    const email = uniqueEmail('role-tampered');
    const form = await fillWebinar(page, email);
    await tamperRole(page);
    await form.getByRole('button').click();
    await expect(form.locator('[data-field="role"] .field-error')).toHaveText('choose one of the options');
    expect(await storedLeadsFor(email)).toHaveLength(0);
  });
});

test.describe('a field defined in Contentful, without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('posts the chosen option and stores it', async ({ page }) => {
    await page.goto(germanWebinarPage);
    const email = uniqueEmail('role-nojs');
    const form = await fillWebinar(page, email, true);
    await form.getByLabel('Ihre Rolle').selectOption({ label: 'Vertrieb' });
    await form.getByRole('button').click();
    // The webinar's German confirmation page, at its German slug.
    await expect(page).toHaveURL(/\/de\/webinar-angemeldet\/$/);
    const stored = await storedLeadsFor(email);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      state: 'queued',
      payload: { locale: 'de-DE', fields: { role: 'sales' } },
    });
  });

  test('is refused by the endpoint when the post carries an unknown option, in the visitor’s language', async ({
    page,
  }) => {
    await page.goto(germanWebinarPage);
    const email = uniqueEmail('role-nojs-tampered');
    const form = await fillWebinar(page, email, true);
    await tamperRole(page);
    await form.getByRole('button').click();
    // The error page is a page of the site (its header has a list too): the problem is in the summary.
    const summary = page.getByRole('main').getByRole('listitem');
    await expect(summary).toHaveText('Ihre Rolle: bitte eine der Optionen wählen');
    expect(await storedLeadsFor(email)).toHaveLength(0);
  });
});
