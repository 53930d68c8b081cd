import { expect, test } from '@playwright/test';
import { expectedPages, hasForm } from './site-content.ts';

for (const localized of expectedPages) {
  test(`${localized.path} renders from the CDN with its head in place`, async ({ page }) => {
    const response = await page.goto(localized.path);
    expect(response?.status()).toBe(200);
    // Under /de/ the 404 rule (`/de/*  /de/404/  404`) matches first in Netlify's local emulation,
    // which then serves the existing file, as Netlify's CDN does (a rule never shadows a file):
    // it reports `redirect`. Either way no function ran.
    const served = localized.path.startsWith('/de/') ? ['static', 'redirect'] : ['static'];
    expect(served).toContain(response?.headers()['x-floodgate-served-by']);
    await expect(page.locator('html')).toHaveAttribute('lang', localized.locale.slice(0, 2));
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.locator('h1')).toBeVisible();
    await expect(page).toHaveTitle(/\S/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /^https?:\/\//);
    await expect(page.locator('link[rel="alternate"][hreflang]')).toHaveCount(
      localized.alternates.length + 1,
    );
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /\S/);
    const robots = page.locator('meta[name="robots"]');
    await expect(robots).toHaveAttribute('content', localized.page.noindex ? /noindex/ : /^index/);
  });
}

for (const localized of expectedPages.filter((candidate) => !hasForm(candidate))) {
  test(`${localized.path} has no form and loads no JavaScript`, async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(localized.path, { waitUntil: 'load' });
    expect(scripts).toEqual([]);
    await expect(page.locator('script:not([type="application/ld+json"])')).toHaveCount(0);
  });
}

test('the 404 page is served statically for unknown paths', async ({ page }) => {
  const response = await page.goto('/this-campaign-ended-long-ago/');
  expect(response?.status()).toBe(404);
  expect(response?.headers()['x-floodgate-served-by']).toBe('static-404');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL('/');
});

test('pages carry the security headers and hashed assets are cached for a year', async ({
  page,
  request,
}) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['strict-transport-security']).toContain('max-age=');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['cache-control']).toBe('public, max-age=0, must-revalidate');
  const stylesheet = await page
    .locator('link[rel="stylesheet"][href^="/_astro/"]')
    .first()
    .getAttribute('href');
  const asset = await request.get(stylesheet!);
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
});
