import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { readConsentTexts } from '../../src/lib/consent/read-consent-texts.ts';
import { ConsentTextsSchema } from '../../src/schemas/consent-text.ts';
import { openScriptDatabase } from '../../scripts/lib/local-database.ts';
import { storedLeadsFor, uniqueEmail } from './lead-store.ts';

// The texts the build bundled for the functions: what each version stands for.
const bundled = ConsentTextsSchema.parse(JSON.parse(readFileSync('.floodgate/consent-texts.json', 'utf8')));
/** A recorded text as a visitor reads it: the link's words without its address. */
const readable = (text: string) => text.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1');

for (const path of ['/', '/de/', '/insights-2/', '/de/insights-2/']) {
  test(`${path}: the consent box starts unticked, and the page posts the version of the words it shows`, async ({
    page,
  }) => {
    await page.goto(path);
    const forms = page.locator('form[data-lead-form]');
    await expect(forms).not.toHaveCount(0);
    for (const form of await forms.all()) {
      const box = form.locator('input[name="consent"]');
      await expect(box).not.toBeChecked();
      const version = await form.locator('input[name="consentVersion"]').inputValue();
      const record = bundled.find((text) => text.version === version);
      expect(record, `no bundled text for ${version}`).toBeDefined();
      const shown = await form.locator('.consent-label').evaluate((label) => {
        const copy = label.cloneNode(true) as HTMLElement;
        copy.querySelector('.field-marker')?.remove();
        return { text: copy.textContent.trim(), href: copy.querySelector('a')?.getAttribute('href') };
      });
      expect(shown.text).toBe(readable(record!.text));
      expect(record!.text).toContain(`](${shown.href})`);
    }
  });
}

test('a German sign-up records a version the database resolves to the German words it showed', async ({
  page,
}) => {
  await page.goto('/de/insights-2/');
  const form = page.locator('#insights-early-access-form');
  const email = uniqueEmail('consent-de');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="firstName"]').fill('Ada');
  await form.locator('input[name="company"]').fill('Analytical Engines GmbH');
  await expect(form.getByRole('checkbox')).not.toBeChecked();
  await form.getByRole('checkbox').check();
  await form.getByRole('button').click();
  await expect(page).toHaveURL(/\/de\/danke\/$/);

  const [lead] = await storedLeadsFor(email);
  expect(lead?.payload.consent.version).toMatch(/^form-insights-2-early-access:de-DE:[0-9a-f]{16}$/);
  const db = await openScriptDatabase();
  try {
    const [text] = await readConsentTexts(db, { version: lead.payload.consent.version });
    expect(text?.locale).toBe('de-DE');
    expect(text?.text).toMatch(/^Ich bin einverstanden/);
  } finally {
    await db.close();
  }
});
