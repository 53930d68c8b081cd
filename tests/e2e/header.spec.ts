import { expect, test, type Page } from '@playwright/test';
import { expectedPages } from './site-content.ts';

const menuButton = (page: Page, name: RegExp) => page.locator('summary', { hasText: name });

for (const width of [360, 390, 480]) {
  test(`at ${width} px the header is one row of at most 72 px on every page @phone`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    for (const localized of expectedPages) {
      await page.goto(localized.path);
      const height = (await page.locator('.site-header').boundingBox())!.height;
      expect({ path: localized.path, height: Math.min(height, 72) }).toEqual({
        path: localized.path,
        height,
      });
    }
  });
}

test('the phone menu opens and is walked with the keyboard alone @phone', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeHidden();
  const summary = menuButton(page, /^Menu$/);
  // Skip link first, then the brand, then the menu button.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(summary).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('details.header-menu')).toHaveAttribute('open', '');
  await expect(nav).toBeVisible();
  const links = nav.getByRole('link');
  const count = await links.count();
  expect(count).toBeGreaterThan(0);
  for (let index = 0; index < count; index += 1) {
    await page.keyboard.press('Tab');
    await expect(links.nth(index)).toBeFocused();
  }
  await page.keyboard.press('Tab');
  await expect(page.getByRole('navigation', { name: 'Language' }).getByRole('link').first()).toBeFocused();
  // Closing it again with the keyboard hides the links from everyone.
  await summary.focus();
  await page.keyboard.press('Space');
  await expect(nav).toBeHidden();
});

test('the phone menu is announced by name, and only its open state exposes the links @phone', async ({
  page,
}) => {
  await page.goto('/de/');
  const header = page.locator('.site-header');
  await expect(header).toMatchAriaSnapshot(`
    - banner:
      - link "Harbor"
      - group: Menü
  `);
  await menuButton(page, /^Menü$/).click();
  await expect(header).toMatchAriaSnapshot(`
    - banner:
      - link "Harbor"
      - group:
        - text: Menü
        - navigation "Hauptnavigation"
        - navigation "Sprache"
  `);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the phone menu still opens and its links work @phone', async ({ page }) => {
    await page.goto('/');
    await menuButton(page, /^Menu$/).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).toBeVisible();
    const href = await nav.getByRole('link').nth(1).getAttribute('href');
    await nav.getByRole('link').nth(1).click();
    await expect(page).toHaveURL(href!);
  });
});

test('wide screens show the links in the bar and no menu button', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(menuButton(page, /^Menu$/)).toBeHidden();
});
