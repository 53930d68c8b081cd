import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

/** Computed styles that show whether the site's CSS (and the brand CSS) applied. */
async function lookOf(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const style = getComputedStyle(element);
      return {
        fontFamily: style.fontFamily,
        fontSize: style.fontSize,
        fontWeight: style.fontWeight,
        letterSpacing: style.letterSpacing,
        color: style.color,
        backgroundColor: style.backgroundColor,
        marginTop: style.marginTop,
      };
    });
}

const headings = ['h1.hero-title', 'h2.section-title', '.feature-title', 'header.site-header', 'footer'];

test.describe.configure({ mode: 'serial' });

test('astro dev renders the home page exactly as npm start does, headings included', async ({ page }, {
  config,
}) => {
  const { built, dev } = config.metadata as { built: string; dev: string };
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) blocked.push(message.text());
  });
  await page.goto(`${built}/`);
  const expected = await Promise.all(headings.map((selector) => lookOf(page, selector)));
  const response = await page.goto(`${dev}/`, { waitUntil: 'networkidle' });
  expect(response?.headers()['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
  expect(response?.headers()['x-frame-options']).toBe('DENY');
  const actual = await Promise.all(headings.map((selector) => lookOf(page, selector)));
  expect(actual).toEqual(expected);
  // Styled at all, not equally unstyled: the hero heading's weight and spacing come from hero.css.
  expect(actual[0]).toMatchObject({ fontWeight: '750' });
  expect(actual[0]?.letterSpacing).not.toBe('normal');
  expect(blocked).toEqual([]);
  await expect(page.locator('img.hero-image')).toHaveJSProperty('complete', true);
  expect(
    await page.locator('img.hero-image').evaluate((image: HTMLImageElement) => image.naturalWidth),
  ).toBeGreaterThan(0);
});

test('a content mistake shows in the browser in the words of the build, and goes when fixed', async ({
  page,
}, { config }) => {
  test.setTimeout(180_000);
  const { dev, devContentFile } = config.metadata as { dev: string; devContentFile: string };
  const original = await readFile(devContentFile, 'utf8');
  const space = JSON.parse(original) as {
    entries: Array<{ sys: { id: string }; fields: Record<string, unknown> }>;
  };
  // Over the heading's limit (an empty heading is fine: the page Title stands in).
  space.entries.find((entry) => entry.sys.id === 'hero-home')!.fields.heading = { 'en-US': 'x'.repeat(100) };
  try {
    await writeFile(devContentFile, JSON.stringify(space));
    await expect(async () => {
      await page.goto(`${dev}/`);
      await expect(page.locator('vite-error-overlay')).toContainText(
        /\(hero-home\).*heading.*keep the heading to 90 characters or fewer/,
        { timeout: 2_000 },
      );
    }).toPass({ timeout: 60_000 });
    await expect(page.locator('vite-error-overlay')).toContainText('The site shows instead');
  } finally {
    await writeFile(devContentFile, original);
  }
  await expect(async () => {
    await page.goto(`${dev}/`);
    await expect(page.locator('h1.hero-title')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.locator('vite-error-overlay')).toHaveCount(0);
});
