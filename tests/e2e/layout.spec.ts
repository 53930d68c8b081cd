import { expect, test } from '@playwright/test';
import { expectedPages } from './site-content.ts';

/** The desktop sizes the primary CTA must be fully visible at without scrolling. */
const viewports = [
  { width: 1366, height: 900 },
  { width: 1280, height: 720 },
];

const heroCta = (localized: (typeof expectedPages)[number]) => {
  const [first] = localized.page.sections;
  return first?.type === 'hero' && first.primaryCtaLabel && first.primaryCtaHref ? first : undefined;
};

const screenshotName = (path: string, width: number, height: number) =>
  `test-results/screenshots/${width}x${height}${path === '/' ? '/home' : path.replace(/\/$/, '')}.png`;

for (const { width, height } of viewports) {
  for (const localized of expectedPages) {
    const hero = heroCta(localized);
    test(`${localized.path} at ${width}×${height}: primary CTA above the fold`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto(localized.path);
      // Measure with the web font in place: the fallback's metrics differ slightly.
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: screenshotName(localized.path, width, height) });
      test.skip(!hero, 'this page opens without a hero call to action');
      const cta = page.locator('.hero .button-primary').first();
      await expect(cta).toHaveText(hero!.primaryCtaLabel!);
      const box = (await cta.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, `CTA bottom at ${Math.round(box.y + box.height)} px`).toBeLessThanOrEqual(
        height,
      );
    });
  }
}
