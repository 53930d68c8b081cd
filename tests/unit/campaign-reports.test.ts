import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { campaignBuildSummary } from '../../src/lib/campaigns/build-summary.ts';
import { readEvidence, readinessRunsOf } from '../../src/lib/campaigns/evidence.ts';
import { assessReadiness } from '../../src/lib/campaigns/readiness.ts';
import { readinessHtml } from '../../scripts/campaign-reports/readiness-html.ts';
import { readinessMarkdown } from '../../scripts/campaign-reports/readiness-markdown.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { campaignSpace } from '../fixtures/campaign-space.ts';

const launch = Date.parse('2026-12-01T08:00:00Z');
const day = 86_400_000;
const directories: string[] = [];
afterEach(() => directories.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function resultsDirectory(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'floodgate-campaign-'));
  directories.push(dir);
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

const bench = (requestsPerSecond: number, measuredAt = '2026-11-20T10:00:00Z') => ({
  measuredAt,
  endpoint: { requestsPerSecond, p50Ms: 3, p99Ms: 14 },
  ceiling: { requestsPerSecond: requestsPerSecond * 1.5, p50Ms: 1, p99Ms: 5 },
  burst: { sent: 1000, accepted: 1000, stored: 1000, lost: 0, duplicates: 0, seconds: 2 },
});
const loadTest = (campaign: string, achievedLeadsPerSecond: number, measuredAt: string) => ({
  measuredAt,
  campaign,
  target: 'local',
  plan: {
    pageViewsPerSecond: 10,
    leadsPerSecond: 1,
    durationSeconds: 30,
    rampSeconds: 5,
    burstSeconds: 5,
    burstFactor: 2,
  },
  pageViews: { sent: 300, ok: 300, latency: { p50Ms: 2, p95Ms: 4, p99Ms: 6 } },
  leads: { sent: 30, accepted: 30, latency: { p50Ms: 4, p95Ms: 9, p99Ms: 12 }, byStatus: { '202': 30 } },
  achievedLeadsPerSecond,
  audit: { accepted: 30, inQueue: 0, delivered: 30, dead: 0, spam: 0, lost: 0, duplicates: 0 },
});

describe('the readiness evidence', () => {
  it('takes the bench ceiling as capacity unless a load test proved more', () => {
    const dir = resultsDirectory({
      'leads.json': bench(400),
      'loadtest-winter-offer-2026.json': loadTest('winter-offer-2026', 3, '2026-11-28T10:00:00Z'),
    });
    const evidence = readEvidence(dir);
    expect(evidence.capacity).toMatchObject({ leadsPerSecond: 400, kind: 'ceiling', p99Ms: 14 });
    expect(readinessRunsOf(evidence, 'winter-offer-2026')).toEqual([Date.parse('2026-11-28T10:00:00Z')]);
    expect(readinessRunsOf(evidence, 'other')).toEqual([]);

    const proved = readEvidence(
      resultsDirectory({
        'leads.json': bench(400),
        'loadtest-big.json': loadTest('big', 900, '2026-11-28T10:00:00Z'),
      }),
    );
    expect(proved.capacity).toMatchObject({ leadsPerSecond: 900, kind: 'sustained' });
  });

  it('reports a malformed file instead of trusting it, and treats a missing directory as no evidence', () => {
    const evidence = readEvidence(resultsDirectory({ 'leads.json': { measuredAt: 'yesterday' } }));
    expect(evidence.capacity).toBeUndefined();
    expect(evidence.problems).toHaveLength(1);
    expect(evidence.problems[0]).toMatch(/leads\.json: measuredAt: must be a date and time/);
    expect(readEvidence('/nonexistent/floodgate')).toEqual({
      capacity: undefined,
      loadTests: [],
      problems: [],
    });
  });
});

describe('the build summary', () => {
  const site = mapSpace(campaignSpace());

  it('prints one line per upcoming campaign with its verdict and where to read more', () => {
    const lines = campaignBuildSummary(site, {
      now: launch - 3 * day,
      env: {},
      resultsDirectory: resultsDirectory({ 'leads.json': bench(400, '2026-11-27T10:00:00Z') }),
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info' });
    expect(lines[0].text).toMatch(
      /^campaign winter-offer-2026: launches 2026-12-01 08:00 UTC \(in 3 d\) · peak 0\.69 leads\/s, 6\.93 page views\/s · capacity 577\.1× peak · .* → GO; details: npm run campaign:ready winter-offer-2026$/,
    );
  });

  it('warns, naming the reason, when a campaign is not ready', () => {
    const [line] = campaignBuildSummary(site, {
      now: launch - day,
      env: {},
      resultsDirectory: '/nonexistent',
    });
    expect(line).toMatchObject({ level: 'warn' });
    expect(line.text).toContain('→ AT-RISK (the lead endpoint has no capacity measurement; +1 more)');
  });

  it('leaves out campaigns that have ended, and warns that their form still collects without a ticket', () => {
    expect(campaignBuildSummary(site, { now: Date.parse('2027-02-01T00:00:00Z'), env: {} })).toEqual([
      {
        level: 'warn',
        text: 'campaign readiness: form "winter-offer" on page "offer" has no launch ticket (its campaign winter-offer-2026 ended 2026-12-31T23:59+01:00)',
      },
    ]);
  });

  it('never throws: a bad variable becomes a warning and the build goes on', () => {
    const lines = campaignBuildSummary(site, { env: { LEADS_DELIVERY_RATE: 'fast' } });
    expect(lines).toEqual([
      { level: 'warn', text: expect.stringContaining('campaign summary skipped (the build goes on)') },
    ]);
    expect(lines[0].text).toContain('LEADS_DELIVERY_RATE');
  });
});

describe('the readiness report', () => {
  const site = mapSpace(campaignSpace({ name: 'Winter </script><b>offer</b>' }));
  const readiness = assessReadiness({
    mapped: site.campaigns[0],
    pages: site.pages,
    capacity: undefined,
    pace: { ratePerSecond: 0.2, dutyCycle: 0.3, scheduleIntervalSeconds: 60 },
    intake: { formsClosed: [], rateLimitPerMinute: 10 },
    readinessRuns: [],
    now: launch - day,
  });

  it('in Markdown gives the verdict, every finding, the numbers and the knobs', () => {
    const markdown = readinessMarkdown([readiness], launch - day);
    expect(markdown).toContain('## Winter </script><b>offer</b> (`winter-offer-2026`): ⚠️ AT-RISK');
    expect(markdown).toContain('- ⚠️ the lead endpoint has no capacity measurement');
    expect(markdown).toContain('| Peak leads/s | 0.69 (model) |');
    expect(markdown).toMatch(
      /\| Kill switch \| `LEADS_FORMS_CLOSED` \| \(no form closed\) \| set to `winter-offer`/,
    );
  });

  it('in HTML escapes content, embeds the chart data and the library, and needs no other file', () => {
    const html = readinessHtml([readiness], launch - day, 'window.Chart = function FakeChart() {};');
    expect(html).not.toContain('<b>offer</b>');
    expect(html).toContain('Winter &lt;/script&gt;&lt;b&gt;offer&lt;/b&gt;');
    expect(html).toContain('window.Chart = function FakeChart() {};');
    expect(html).toContain('<canvas id="wave-0"');
    expect(html).toContain('<script type="application/json" data-chart="capacity-0">');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  });
});
