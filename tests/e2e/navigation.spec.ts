import { expect, test } from '@playwright/test';
import { expectedPages } from './site-content.ts';

test('the main navigation leads to each linked page', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const links = await nav.getByRole('link').all();
  expect(links.length).toBeGreaterThan(0);
  const hrefs = await Promise.all(links.map((link) => link.getAttribute('href')));
  for (const href of hrefs) {
    await page.goto('/');
    await nav.locator(`a[href="${href}"]`).click();
    await expect(page).toHaveURL(href!);
    await expect(page.getByRole('navigation', { name: 'Main' }).locator(`a[href="${href}"]`)).toHaveAttribute(
      'aria-current',
      'page',
    );
  }
});

test('the language switcher moves between the English and German page, German slug included', async ({
  page,
}) => {
  const withAlternate = expectedPages.find(
    (localized) => localized.locale === 'en-US' && localized.page.id === 'page-winter-sale',
  )!;
  await page.goto(withAlternate.path);
  await expect(page.locator('link[rel="alternate"][hreflang="de-DE"]')).toHaveAttribute(
    'href',
    /\/de\/winteraktion\/$/,
  );
  const switcher = page.getByRole('navigation', { name: 'Language' });
  await switcher.getByRole('link', { name: 'Deutsch' }).click();
  await expect(page).toHaveURL('/de/winteraktion/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(withAlternate.path);
});

test('the skip link moves keyboard focus to the main content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('sitemap.xml lists exactly the indexable pages', async ({ request, baseURL }) => {
  const xml = await (await request.get('/sitemap.xml')).text();
  const listed = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]).pathname).sort();
  const indexable = expectedPages
    .filter((localized) => !localized.page.noindex)
    .map((localized) => localized.path)
    .sort();
  expect(listed).toEqual(indexable);
  expect(expectedPages.some((localized) => localized.page.noindex)).toBe(true);
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toContain('Sitemap: ');
  expect(baseURL).toBeTruthy();
});

test('pages fit a 360 px phone without sideways scrolling @phone', async ({ page }) => {
  for (const localized of expectedPages) {
    await page.goto(localized.path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect({ path: localized.path, overflow }).toEqual({ path: localized.path, overflow: 0 });
  }
});
