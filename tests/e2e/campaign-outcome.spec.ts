import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { chartJsSource } from '../../scripts/campaign-reports/chart-js-source.ts';
import { outcomeHtml } from '../../src/lib/campaigns/outcome/outcome-html.ts';
import { campaignOutcome } from '../../src/lib/campaigns/outcome/campaign-outcome.ts';
import type { OutcomeFigures } from '../../src/lib/campaigns/outcome/read-outcome.ts';
import { colouredShareOfPlot } from './chart-pixels.ts';

/**
 * The post-campaign report opens from disk in a real browser: both charts of a campaign drawn
 * (submissions per minute against the forecast, time to CRM), the verdict shown, and a campaign
 * with no leads shows its verdict without empty charts.
 */
const t0 = Date.UTC(2026, 11, 7, 18, 0, 0);
const minute = 60_000;
const figures: OutcomeFigures = {
  byForm: [
    {
      formId: 'winter-sale-offer',
      accepted: 240,
      spam: 6,
      replayed: 2,
      delivered: 240,
      retried: 4,
      dead: 0,
      redriven: 0,
      released: 0,
    },
  ],
  bySource: [
    { formId: 'winter-sale-offer', locale: 'en-US', source: 'newsletter', accepted: 200, spam: 1 },
    { formId: 'winter-sale-offer', locale: 'de-DE', source: '(other)', accepted: 40, spam: 5 },
  ],
  perMinute: Array.from({ length: 12 }, (_, index) => ({
    minute: t0 + index * minute,
    accepted: Math.round(50 * Math.exp(-index / 3)),
    spam: index === 0 ? 6 : 0,
  })),
  refusals: [{ minute: t0 + minute, reason: '409', refusals: 3 }],
  timeToCrm: { count: 240, p50Ms: 41_250, p95Ms: 180_400, maxMs: 212_000, sumMs: 240 * 60_000 },
  ttcBuckets: [
    { bucket: 5, deliveries: 60 },
    { bucket: 6, deliveries: 90 },
    { bucket: 7, deliveries: 70 },
    { bucket: 8, deliveries: 20 },
  ],
  rebuilds: { built: 1, failedCalls: 0 },
};
const outcome = (key: string, data: OutcomeFigures) =>
  campaignOutcome({
    key,
    name: key,
    scope: { forms: ['winter-sale-offer'], from: t0, to: t0 + 30 * minute, until: t0 + 60 * minute },
    figures: data,
    forecast: {
      leads: 300,
      peakPerMinute: 45,
      perMinute: (n) => Array.from({ length: n }, (_, i) => 45 * Math.exp(-i / 4)),
    },
    policy: { headroom: 2, maxLeadDelayMinutes: 60 },
  });

test('the campaign outcome report opens from disk with its charts drawn and its verdict', async ({
  page,
}, testInfo) => {
  const empty: OutcomeFigures = {
    ...figures,
    byForm: [],
    bySource: [],
    perMinute: [],
    refusals: [],
    timeToCrm: { count: 0, p50Ms: null, p95Ms: null, maxMs: null, sumMs: 0 },
    ttcBuckets: [],
  };
  const file = testInfo.outputPath('campaign-outcome.html');
  writeFileSync(
    file,
    outcomeHtml(
      [outcome('winter-sale-2026', figures), outcome('quiet-campaign', empty)],
      t0 + 2 * 3_600_000,
      await chartJsSource(),
    ),
  );
  await page.goto(pathToFileURL(file).href);
  await expect(page.locator('body')).toHaveAttribute('data-charts-drawn', '2');
  await expect(page.locator('canvas')).toHaveCount(2);
  for (const index of [0, 1])
    expect(await colouredShareOfPlot(page, index), `chart ${index}`).toBeGreaterThan(0.002);
  await expect(page.locator('.verdict')).toHaveText(['met', 'no-leads']);
  await expect(page.locator('#campaign-0')).toContainText('41.250 s / 180.400 s / 212.000 s (240 leads)');
  await expect(page.locator('#campaign-0')).toContainText('newsletter');
  await expect(page.locator('#campaign-0 li.go')).toHaveCount(5);
});
