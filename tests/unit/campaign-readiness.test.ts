import { describe, expect, it } from 'vitest';
import type { CapacityMeasurement } from '../../src/lib/campaigns/capacity.ts';
import { assessReadiness, type ReadinessInputs } from '../../src/lib/campaigns/readiness.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { campaignSpace } from '../fixtures/campaign-space.ts';
import { link } from '../fixtures/space.ts';

// The fixture campaign peaks at ln 2 ≈ 0.693 leads/s and launches 2026-12-01T08:00Z.
const peak = Math.log(2);
const launch = Date.parse('2026-12-01T08:00:00Z');
const hour = 3_600_000;

const capacity = (leadsPerSecond: number, extra: Partial<CapacityMeasurement> = {}): CapacityMeasurement => ({
  leadsPerSecond,
  measuredAt: launch - 5 * 24 * hour,
  source: 'npm run bench:leads (bench/results/leads.json)',
  kind: 'ceiling',
  p99Ms: 12,
  lost: 0,
  duplicates: 0,
  ...extra,
});

function assess(overrides: Partial<ReadinessInputs> = {}, fields: Record<string, unknown> = {}) {
  const site = mapSpace(campaignSpace(fields));
  return assessReadiness({
    mapped: site.campaigns[0],
    pages: site.pages,
    capacity: capacity(peak * 10),
    pace: { ratePerSecond: 5, dutyCycle: 1, scheduleIntervalSeconds: 60 },
    intake: { formsClosed: [], rateLimitPerMinute: 10 },
    readinessRuns: [],
    now: launch - 10 * 24 * hour,
    ...overrides,
  });
}

const codes = (readiness: ReturnType<typeof assess>) =>
  readiness.findings.filter((finding) => finding.severity !== 'go').map((finding) => finding.code);

describe('the readiness verdict', () => {
  it('is go with capacity well above the expected peak', () => {
    const readiness = assess({ capacity: capacity(peak * 2.5) });
    expect(readiness.verdict).toBe('go');
    expect(readiness.headroom).toBeCloseTo(2.5, 9);
    expect(readiness.findings.map((finding) => finding.code)).toEqual(['capacity-ok', 'delivery-ok']);
  });

  it('is at risk with capacity above the peak but within the wanted headroom', () => {
    const readiness = assess({ capacity: capacity(peak * 1.5) });
    expect(readiness.verdict).toBe('at-risk');
    expect(codes(readiness)).toEqual(['capacity-near-peak']);
  });

  it('is no-go with capacity below the expected peak', () => {
    const readiness = assess({ capacity: capacity(peak * 0.5) });
    expect(readiness.verdict).toBe('no-go');
    expect(codes(readiness)).toEqual(['capacity-below-peak']);
    expect(readiness.findings[0]?.message).toMatch(
      /capacity 0\.35 leads\/s vs expected peak 0\.69 leads\/s \(0\.50×\)/,
    );
  });

  it('is at risk without a capacity measurement, saying how to get one', () => {
    const readiness = assess({ capacity: undefined });
    expect(readiness.verdict).toBe('at-risk');
    expect(codes(readiness)).toEqual(['capacity-unmeasured']);
    expect(readiness.findings[0]?.message).toContain('npm run bench:leads');
  });

  it('is at risk without an audience, and judges no capacity against an unknown peak', () => {
    const readiness = assess({}, { emailsSent: undefined, adImpressions: undefined, otherVisits: undefined });
    expect(readiness.verdict).toBe('at-risk');
    expect(codes(readiness)).toEqual(['traffic-incomplete']);
    expect(readiness.headroom).toBeUndefined();
    expect(readiness.backlog).toBeUndefined();
  });

  it('is no-go when the measurement itself lost leads', () => {
    expect(codes(assess({ capacity: capacity(100, { lost: 3 }) }))).toEqual(['measurement-lost-leads']);
  });

  it('flags a stale measurement', () => {
    const readiness = assess({ capacity: capacity(100, { measuredAt: launch - 90 * 24 * hour }) });
    expect(codes(readiness)).toEqual(['capacity-stale']);
  });

  it('flags a slow delivery rate and names the rate that would do', () => {
    const readiness = assess({ pace: { ratePerSecond: 0.1, dutyCycle: 1, scheduleIntervalSeconds: 60 } });
    expect(readiness.verdict).toBe('at-risk');
    expect(codes(readiness)).toEqual(['delivery-slow']);
    expect(readiness.knobs[0]?.advice).toMatch(
      /raise to at least 0\.\d+\/s to keep every lead within 60 min/,
    );
  });
});

describe('the readiness flags', () => {
  it('flag a launch within 48 hours with no readiness run', () => {
    const readiness = assess({ now: launch - 30 * hour });
    expect(codes(readiness)).toEqual(['no-readiness-run']);
    expect(readiness.findings.at(-1)?.message).toContain('npm run loadtest -- --campaign winter-offer-2026');
  });

  it('accept a recent readiness run before a launch within 48 hours', () => {
    expect(codes(assess({ now: launch - 30 * hour, readinessRuns: [launch - 40 * hour] }))).toEqual([]);
  });

  it('do not count a readiness run older than a week', () => {
    const readinessRuns = [launch - 30 * 24 * hour];
    expect(codes(assess({ now: launch - 30 * hour, readinessRuns }))).toEqual(['no-readiness-run']);
  });

  it('make an unpublished target page a no-go', () => {
    const readiness = assess({}, { targetPages: [link('page-offer'), link('page-draft')] });
    expect(readiness.verdict).toBe('no-go');
    expect(codes(readiness)).toEqual(['target-page-unpublished']);
  });

  it('make a data field the lead schema does not know a no-go', () => {
    const readiness = assess({}, { newDataFields: ['company', 'budget'] });
    expect(codes(readiness)).toEqual(['field-not-in-lead-schema']);
    expect(readiness.findings.at(-1)?.message).toContain('"budget"');
  });

  it('flag a known data field that no campaign form shows', () => {
    expect(codes(assess({}, { newDataFields: ['phone'] }))).toEqual(['field-not-on-form']);
  });

  it('make a form that is on no page, or on no target page, a no-go', () => {
    expect(codes(assess({}, { forms: ['winter-offer', 'spring-offer'] }))).toEqual(['form-missing']);
    expect(codes(assess({}, { targetPages: [link('page-home')] }))).toEqual(['form-not-on-target-page']);
  });

  it('make a form closed by the kill switch a no-go', () => {
    expect(codes(assess({ intake: { formsClosed: ['winter-offer'], rateLimitPerMinute: 10 } }))).toEqual([
      'form-closed',
    ]);
    expect(codes(assess({ intake: { formsClosed: ['*'], rateLimitPerMinute: 10 } }))).toEqual([
      'form-closed',
    ]);
  });

  it('make an end date before the launch a no-go', () => {
    expect(codes(assess({}, { endAt: '2026-11-30T09:00+01:00' }))).toContain('ends-before-launch');
  });
});
