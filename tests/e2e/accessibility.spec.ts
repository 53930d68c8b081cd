import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { expectedPages } from './site-content.ts';

const paths = [...expectedPages.map((localized) => localized.path), '/no-such-page/', '/de/no-such-page/'];

for (const path of paths) {
  test(`${path} has no axe violations (WCAG 2.1 AA)`, async ({ page }) => {
    await page.goto(path);
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
}
