import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { colouredShareOfPlot } from './chart-pixels.ts';
import { openScriptDatabase } from '../../scripts/lib/local-database.ts';
import { assessCampaigns, upcomingCampaigns } from '../../src/lib/campaigns/assess-site.ts';
import { chartJsSource } from '../../scripts/campaign-reports/chart-js-source.ts';
import { storedLeadReaders } from '../../scripts/loadtest/lead-audit.ts';
import { loadTargetFor } from '../../scripts/loadtest/load-target.ts';
import { loadTestHtml } from '../../scripts/loadtest/loadtest-html.ts';
import { readinessHtml } from '../../scripts/campaign-reports/readiness-html.ts';
import { runLoadTest } from '../../scripts/loadtest/run-load-test.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { CampaignEnvSchema } from '../../src/schemas/campaign-env.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';

/**
 * The campaign reports are self-contained HTML files: they must open from disk in a real browser
 * with every chart drawn. "Drawn" is judged on a screenshot of each chart's plot area: data lines
 * and bars are coloured, while an empty chart's plot area holds only grey grid lines.
 */
const site = mapSpace(SpaceExportSchema.parse(JSON.parse(readFileSync('content/space.json', 'utf8'))));

/** Open a report from disk and check that every chart in it has data drawn in its plot area. */
async function expectEveryChartDrawn(page: Page, file: string, charts: number): Promise<void> {
  await page.goto(pathToFileURL(file).href);
  await expect(page.locator('body')).toHaveAttribute('data-charts-drawn', String(charts));
  await expect(page.locator('canvas')).toHaveCount(charts);
  for (let index = 0; index < charts; index++) {
    expect(await colouredShareOfPlot(page, index), `chart ${index}`).toBeGreaterThan(0.002);
  }
}

test('the readiness report opens from disk with every chart drawn', async ({ page }, testInfo) => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  const campaigns = upcomingCampaigns(site.campaigns, now);
  const readinesses = assessCampaigns(site, campaigns, {
    evidence: { capacity: undefined, loadTests: [], problems: [] },
    env: CampaignEnvSchema.parse({}),
    now,
  });
  const file = testInfo.outputPath('campaign-readiness.html');
  writeFileSync(file, readinessHtml(readinesses, now, await chartJsSource()));
  await expectEveryChartDrawn(page, file, campaigns.length * 2);
  await expect(page.locator('.verdict').first()).toHaveText(/GO|AT-RISK|NO-GO/);

  // The check can fail: the same measurement on an empty chart finds nothing drawn.
  await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    const figure = document.createElement('div');
    figure.style.height = '300px';
    figure.append(canvas);
    document.body.append(figure);
    const { Chart } = window as unknown as {
      Chart: new (canvas: HTMLCanvasElement, config: object) => unknown;
    };
    new Chart(canvas, {
      type: 'line',
      data: { datasets: [{ label: 'nothing', data: [], borderColor: '#2563eb' }] },
      options: { animation: false, maintainAspectRatio: false, scales: { x: { type: 'linear' } } },
    });
  });
  expect(await colouredShareOfPlot(page, campaigns.length * 2)).toBe(0);
});

test('a short load test against the served site produces a report with every chart drawn', async ({
  page,
  baseURL,
}, testInfo) => {
  const db = await openScriptDatabase();
  try {
    const campaign = site.campaigns.find(({ campaign: { key } }) => key === 'webinar-2026-12');
    const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
    const outcome = await runLoadTest({
      baseUrl: baseURL!,
      target: 'local',
      ...loadTargetFor(site, campaign, { scale: 1, rate: 2, pageViews: 10 }),
      shape: { durationSeconds: 3, rampSeconds: 1, burstSeconds: 1, burstFactor: 2 },
      runId: `e2e${Date.now().toString(36)}`,
      retryShare: 0,
      probe: { depth: () => queue.depth() },
      audit: { ...storedLeadReaders(db), delivered: () => undefined },
      drainTimeoutMs: 0,
      random: Math.random,
      uuid: randomUUID,
      now: Date.now,
    });
    expect(outcome.audit).toMatchObject({ lost: 0, duplicates: 0 });
    expect(outcome.audit!.accepted).toBe(outcome.result.leads.sent);
    expect(outcome.pageViewsServedByFunction).toBe(0);

    const file = testInfo.outputPath('loadtest.html');
    writeFileSync(file, loadTestHtml(outcome, await chartJsSource()));
    // Five charts: requests per second, lead latency, page latency, errors by status (none here, so
    // nothing to see) and queue depth (a line on the axis if a worker kept the queue empty).
    const charts = ['rps', 'latency-leads', 'latency-pages'];
    if (outcome.queue.some((point) => point.depth > 0)) charts.push('queue');
    await page.goto(pathToFileURL(file).href);
    await expect(page.locator('canvas')).toHaveCount(5);
    for (const id of charts) {
      const index = await page
        .locator('canvas')
        .evaluateAll((all, id) => all.findIndex((c) => c.id === id), id);
      expect(await colouredShareOfPlot(page, index), id).toBeGreaterThan(0.002);
    }
  } finally {
    await db.close();
  }
});

test('the readiness overview lists the worst verdicts first, coloured and worded, each linking to its detail', async ({
  page,
}, testInfo) => {
  // A measured endpoint five days before the first launch: the campaign launching within the week
  // without a readiness run is at risk, the others go.
  const now = Date.parse('2026-11-28T12:00:00Z');
  const capacity = {
    leadsPerSecond: 500,
    measuredAt: now - 86_400_000,
    source: 'npm run bench:leads',
    kind: 'ceiling' as const,
    p99Ms: 40,
    lost: 0,
    duplicates: 0,
  };
  const readinesses = assessCampaigns(site, upcomingCampaigns(site.campaigns, now), {
    evidence: { capacity, loadTests: [], problems: [] },
    env: CampaignEnvSchema.parse({}),
    now,
  });
  // The report must order them itself: hand it the best verdict first.
  const rank = { go: 0, 'at-risk': 1, 'no-go': 2 } as const;
  const bestFirst = [...readinesses].sort((a, b) => rank[a.verdict] - rank[b.verdict]);
  const file = testInfo.outputPath('campaign-readiness-overview.html');
  writeFileSync(file, readinessHtml(bestFirst, now, await chartJsSource()));
  await page.goto(pathToFileURL(file).href);

  const badges = page.locator('table.overview .verdict');
  await expect(badges).toHaveCount(readinesses.length);
  const shown = await badges.evaluateAll((elements) =>
    elements.map((element) => ({
      verdict: [...element.classList].find((name) => name !== 'verdict'),
      text: element.textContent,
      background: getComputedStyle(element).backgroundColor,
    })),
  );
  const ranks = shown.map((badge) => rank[badge.verdict as keyof typeof rank]);
  expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  expect(new Set(shown.map((badge) => badge.verdict)).size).toBeGreaterThan(1);
  for (const badge of shown) expect(badge.text).toBe(badge.verdict!.toUpperCase());
  // Each verdict has a colour of its own, and none is the page's plain background.
  const colourOf = new Map(shown.map((badge) => [badge.verdict, badge.background]));
  expect(new Set(colourOf.values()).size).toBe(colourOf.size);
  for (const colour of colourOf.values()) expect(colour).not.toBe('rgba(0, 0, 0, 0)');

  const first = page.locator('table.overview a').first();
  const target = await first.getAttribute('href');
  await first.click();
  await expect(page.locator(`section${target}`)).toBeInViewport();
  await expect(page.locator(`section${target} .verdict`)).toHaveText(shown[0].text);
});
