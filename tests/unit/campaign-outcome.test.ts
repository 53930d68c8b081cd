import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findCampaign } from '../../src/lib/campaigns/assess-site.ts';
import { campaignOutcome } from '../../src/lib/campaigns/outcome/campaign-outcome.ts';
import { nearestRank, recordedTimeToCrm } from '../../src/lib/campaigns/outcome/delivery-records.ts';
import { ticketForecast } from '../../src/lib/campaigns/outcome/forecast.ts';
import { csvCell, outcomeCsv, sourcesCsv } from '../../src/lib/campaigns/outcome/outcome-csv.ts';
import { campaignScope, unclaimedScope } from '../../src/lib/campaigns/outcome/outcome-scope.ts';
import type { OutcomeFigures } from '../../src/lib/campaigns/outcome/read-outcome.ts';
import { outcomeSummaryLine } from '../../src/lib/campaigns/outcome/summary.ts';
import { outcomeVerdict, type VerdictInputs } from '../../src/lib/campaigns/outcome/verdict.ts';
import { arrivedBy, estimateTraffic } from '../../src/lib/campaigns/traffic-model.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';

const site = mapSpace(SpaceExportSchema.parse(JSON.parse(readFileSync('content/space.json', 'utf8'))));
const winterSale = findCampaign(site.campaigns, 'winter-sale-2026')!.campaign;
const minute = 60_000;
const t0 = Date.UTC(2026, 11, 7, 18, 0, 0);

describe('nearest-rank percentiles (the delivery records)', () => {
  it('take the ⌈p·n⌉-th smallest, as percentile_disc does', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(recordedTimeToCrm(values.map((v) => v * 1000))).toEqual({
      count: 10,
      p50Seconds: 5,
      p95Seconds: 10,
      maxSeconds: 10,
    });
    expect(nearestRank([1, 2], 0.5)).toBe(1);
    expect(nearestRank([], 0.5)).toBeNull();
    expect(recordedTimeToCrm([])).toEqual({ count: 0, p50Seconds: null, p95Seconds: null, maxSeconds: null });
  });
});

describe('the ticket forecast', () => {
  it('is the leads expected in the first minute after launch, from the traffic model', () => {
    const forecast = ticketForecast(winterSale)!;
    const traffic = estimateTraffic(winterSale);
    const tau = traffic.timeConstantSeconds;
    expect(forecast.peakPerMinute).toBeCloseTo(arrivedBy(traffic.peakLeadsPerSecond, tau, 60), 9);
    const curve = forecast.perMinute(3);
    expect(curve[0]).toBe(forecast.peakPerMinute);
    expect(curve[1]).toBeLessThan(curve[0]);
    expect(forecast.leads).toBeCloseTo(traffic.leads, 6);
  });

  it('is undefined when the ticket cannot be estimated', () => {
    const { emailsSent: _, adImpressions: __, otherVisits: ___, ...bare } = winterSale;
    expect(ticketForecast({ ...bare, measuredPeakLeadsPerSecond: undefined })).toBeUndefined();
  });
});

describe('the report window', () => {
  const ticket = { launchAt: t0 + 30_000, endAt: t0 + 10 * minute + 1, forms: ['f'] };
  it('runs from the launch to the end in whole minutes, outcomes until a day later or now', () => {
    expect(campaignScope(ticket, { now: t0 + 3 * 86_400_000 })).toEqual({
      forms: ['f'],
      from: t0,
      to: t0 + 11 * minute,
      until: t0 + 11 * minute + 86_400_000,
    });
    // Still running: up to now.
    expect(campaignScope(ticket, { now: t0 + 5 * minute + 1 })).toMatchObject({
      to: t0 + 6 * minute,
      until: t0 + 6 * minute,
    });
  });
  it('follows --from/--to when given (a load test outside the ticket dates)', () => {
    expect(campaignScope(ticket, { from: t0 - 59_000, to: t0 + 61_000, now: t0 + 9e9 })).toEqual({
      forms: ['f'],
      from: t0 - minute,
      to: t0 + 2 * minute,
      until: t0 + 2 * minute,
    });
    expect(unclaimedScope(['x'], { now: t0 })).toMatchObject({ from: t0 - 30 * 86_400_000, to: t0 });
  });
});

const checks: VerdictInputs = {
  submissions: 100,
  accepted: 95,
  peakPerMinute: 40,
  forecastPerMinute: 30,
  headroom: 2,
  deliveredOfWindow: 95,
  maxSeconds: 600,
  maxLeadDelaySeconds: 3600,
  unavailable: 0,
  deadLeft: 0,
};

describe('the verdict against the ticket', () => {
  it('is met when every figure is within the ticket', () => {
    const { verdict, checks: list } = outcomeVerdict(checks);
    expect(verdict).toBe('met');
    expect(list.map((check) => check.figure)).toEqual([
      'peak-vs-forecast',
      'all-delivered',
      'time-to-crm',
      'unavailable',
      'dead-letters',
    ]);
  });
  it.each([
    ['peak-vs-forecast', { peakPerMinute: 61 }],
    ['all-delivered', { deliveredOfWindow: 94 }],
    ['time-to-crm', { maxSeconds: 3601 }],
    ['unavailable', { unavailable: 1 }],
    ['dead-letters', { deadLeft: 2 }],
  ] as const)('is missed by %s, and names it', (figure, change) => {
    const { verdict, checks: list } = outcomeVerdict({ ...checks, ...change });
    expect(verdict).toBe('missed');
    expect(list.filter((check) => !check.met).map((check) => check.figure)).toEqual([figure]);
  });
  it('has no peak check without a forecast, and says so when nothing came in', () => {
    expect(
      outcomeVerdict({ ...checks, forecastPerMinute: undefined }).checks.map((c) => c.figure),
    ).not.toContain('peak-vs-forecast');
    expect(outcomeVerdict({ ...checks, submissions: 0 })).toEqual({ verdict: 'no-leads', checks: [] });
  });
});

const figures: OutcomeFigures = {
  byForm: [
    {
      formId: 'a',
      accepted: 30,
      spam: 2,
      replayed: 3,
      delivered: 29,
      retried: 3,
      dead: 1,
      redriven: 1,
      released: 0,
    },
    {
      formId: 'b',
      accepted: 10,
      spam: 0,
      replayed: 1,
      delivered: 10,
      retried: 0,
      dead: 0,
      redriven: 0,
      released: 0,
    },
  ],
  bySource: [{ formId: 'a', locale: 'en-US', source: 'newsletter', accepted: 30, spam: 2 }],
  perMinute: [
    { minute: t0, accepted: 25, spam: 2 },
    { minute: t0 + 2 * minute, accepted: 15, spam: 0 },
  ],
  refusals: [
    { minute: t0, reason: '409', refusals: 2 },
    { minute: t0 + minute, reason: '503', refusals: 1 },
  ],
  timeToCrm: { count: 40, p50Ms: 12_345, p95Ms: 60_001, maxMs: 90_000, sumMs: 800_000 },
  ttcBuckets: [{ bucket: 4, deliveries: 40 }],
  rebuilds: { built: 1, failedCalls: 0 },
};

describe('one campaign’s outcome', () => {
  const outcome = campaignOutcome({
    key: 'winter-sale-2026',
    name: 'Winter sale',
    scope: { forms: ['a', 'b'], from: t0, to: t0 + 5 * minute, until: t0 + 10 * minute },
    figures,
    forecast: {
      leads: 500,
      peakPerMinute: 20,
      perMinute: (n) => Array.from({ length: n }, (_, i) => 20 / (i + 1)),
    },
    policy: { headroom: 2, maxLeadDelayMinutes: 60 },
  });

  it('sums forms, finds the peak minute, and keeps p50/p95/max as read (exact, in seconds)', () => {
    expect(outcome).toMatchObject({
      accepted: 40,
      spam: 2,
      peakPerMinute: 27,
      peakMinute: new Date(t0).toISOString(),
      conflicts: 2,
      duplicates: { conflicts409: 2, replayedKeys: 4 },
      unavailable: 1,
      deadLetters: 1,
      redriven: 1,
      timeToCrm: { count: 40, p50Seconds: 12.345, p95Seconds: 60.001, maxSeconds: 90, meanSeconds: 20 },
      verdict: 'missed',
    });
    expect(outcome.spamShare).toBeCloseTo(2 / 42, 9);
    expect(outcome.checks.filter((c) => !c.met).map((c) => c.figure)).toEqual(['unavailable']);
  });

  it('gives every minute of the window, gaps as zeros, with the forecast from the start', () => {
    expect(outcome.perMinute.slice(0, 3)).toEqual([
      { minute: new Date(t0).toISOString(), accepted: 25, spam: 2, refused: 2, forecast: 20 },
      { minute: new Date(t0 + minute).toISOString(), accepted: 0, spam: 0, refused: 1, forecast: 10 },
      { minute: new Date(t0 + 2 * minute).toISOString(), accepted: 15, spam: 0, refused: 0, forecast: 6.667 },
    ]);
    expect(outcome.perMinute).toHaveLength(5);
  });

  it('writes CSV a spreadsheet reads, with formulas defused', () => {
    const [header, row] = outcomeCsv([outcome]).split('\r\n');
    expect(header?.split(',')).toContain('ttc_p95_seconds');
    expect(row).toContain('winter-sale-2026,');
    expect(row).toContain(',12.345,60.001,90,');
    expect(row?.endsWith(',missed,unavailable,4')).toBe(true);
    expect(header?.split(',').at(-1)).toBe('replayed_keys');
    expect(sourcesCsv([outcome])).toBe(
      'campaign,form,locale,source,accepted,spam\r\nwinter-sale-2026,a,en-US,newsletter,30,2\r\n',
    );
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(-1)).toBe('-1');
  });

  it('says it in one line for the terminal', () => {
    expect(outcomeSummaryLine(outcome)).toMatch(
      /^winter-sale-2026: MISSED · 40 accepted, 2 spam · peak 27\/min \(forecast 20\) · time to CRM p50 12\.3 s, p95 60\.0 s, max 90\.0 s · 1 dead\n {2}missed: 1 submissions answered 503/,
    );
  });
});
