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

const hasEvent = (localized: (typeof expectedPages)[number]) =>
  localized.page.sections.some((section) => section.type === 'eventDetails');

for (const localized of expectedPages.filter((candidate) => !hasForm(candidate))) {
  // An event's confirmation page loads one small script (the session's time in the visitor's zone).
  const allowed = hasEvent(localized) ? 1 : 0;
  test(`${localized.path} has no form and loads ${allowed ? 'only the local-time script' : 'no JavaScript'}`, async ({
    page,
  }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(localized.path, { waitUntil: 'load' });
    expect(scripts).toHaveLength(allowed);
    await expect(page.locator('script:not([type="application/ld+json"])')).toHaveCount(allowed);
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

test('a missing German path is the German 404 page, with status 404, as on Netlify', async ({ page }) => {
  for (const path of ['/de/diese-aktion-ist-vorbei/', '/de/diese-aktion-ist-vorbei']) {
    const response = await page.goto(path);
    expect({ path, status: response?.status() }).toEqual({ path, status: 404 });
    expect(response?.headers()['x-floodgate-served-by']).toBe('static-404');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Seite nicht gefunden');
  }
});

test('a path without its trailing slash moves to the canonical URL (301), query kept', async ({
  request,
}) => {
  for (const [from, to] of [
    ['/winter-sale', '/winter-sale/'],
    ['/de', '/de/'],
    ['/de/winteraktion?utm_source=ad', '/de/winteraktion/?utm_source=ad'],
  ] as const) {
    const response = await request.get(from, { maxRedirects: 0 });
    const location = new URL(response.headers().location ?? '', 'http://x');
    expect({ from, status: response.status(), location: `${location.pathname}${location.search}` }).toEqual({
      from,
      status: 301,
      location: to,
    });
  }
  // A file is a file: no slash is added to it.
  expect((await request.get('/favicon.svg', { maxRedirects: 0 })).status()).toBe(200);
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
