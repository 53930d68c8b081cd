import { describe, expect, it } from 'vitest';
import { intensityAt, loadTicks, plannedTotals } from '../../scripts/loadtest/load-plan.ts';
import {
  achievedLeadsPerSecond,
  buildTimeline,
  percentile,
  type RequestSample,
} from '../../scripts/loadtest/load-timeline.ts';

const shape = { durationSeconds: 20, rampSeconds: 5, burstSeconds: 3, burstFactor: 2 };

describe('the load plan', () => {
  it('ramps from 10% to the peak, bursts, then holds the peak', () => {
    expect(intensityAt(shape, 0)).toBeCloseTo(0.1, 9);
    expect(intensityAt(shape, 2.5)).toBeCloseTo(0.55, 9);
    expect(intensityAt(shape, 6)).toBe(2);
    expect(intensityAt(shape, 12)).toBe(1);
    expect(intensityAt(shape, 20)).toBe(0);
  });

  it('sends fractional rates exactly on average, carrying the remainder from tick to tick', () => {
    const flat = { durationSeconds: 100, rampSeconds: 0, burstSeconds: 0, burstFactor: 1 };
    expect(plannedTotals(loadTicks({ pageViewsPerSecond: 0.77, leadsPerSecond: 0.19 }, flat))).toEqual({
      pageViews: 77,
      leads: 19,
    });
  });

  it('sends ramp + burst + held peak in total', () => {
    // Ramp: 5 s averaging 55% of the peak; burst: 3 s at 2×; peak: 12 s at 1×.
    const totals = plannedTotals(loadTicks({ pageViewsPerSecond: 100, leadsPerSecond: 10 }, shape));
    expect(totals.pageViews).toBe(Math.round(100 * (5 * 0.55 + 3 * 2 + 12)));
    expect(totals.leads).toBeGreaterThanOrEqual(207);
    expect(totals.leads).toBeLessThanOrEqual(208);
  });
});

describe('the load timeline', () => {
  const sample = (second: number, stream: 'page' | 'lead', status: number | 'error', latencyMs = 10) =>
    ({ stream, sentAtMs: second * 1000 + 100, latencyMs, status }) satisfies RequestSample;

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect([percentile(values, 50), percentile(values, 95), percentile(values, 99)]).toEqual([50, 95, 99]);
    expect(percentile([], 50)).toBe(0);
  });

  it('counts per second what was sent, what succeeded and which statuses failed', () => {
    const timeline = buildTimeline([
      sample(0, 'page', 200),
      sample(0, 'lead', 202, 30),
      sample(1, 'lead', 202),
      sample(1, 'lead', 429),
      sample(1, 'lead', 'error'),
      sample(2, 'page', 304),
    ]);
    expect(timeline.map((second) => second.ok)).toEqual([
      { page: 1, lead: 1 },
      { page: 0, lead: 1 },
      { page: 1, lead: 0 },
    ]);
    expect(timeline[1]).toMatchObject({ errors: { '429': 1, error: 1 }, failing: true });
    expect(timeline[0]?.latency.lead).toEqual({ p50Ms: 30, p95Ms: 30, p99Ms: 30 });
  });

  it('takes the best second with no failures as the achieved lead rate', () => {
    const timeline = buildTimeline([
      ...Array.from({ length: 5 }, () => sample(0, 'lead', 202)),
      ...Array.from({ length: 9 }, () => sample(1, 'lead', 202)),
      sample(1, 'lead', 503),
    ]);
    expect(achievedLeadsPerSecond(timeline)).toBe(5);
  });

  it('does not count a second whose lead posts waited over a second: the endpoint was saturated', () => {
    const timeline = buildTimeline([
      ...Array.from({ length: 5 }, () => sample(0, 'lead', 202, 40)),
      ...Array.from({ length: 20 }, () => sample(1, 'lead', 202, 1500)),
    ]);
    expect(achievedLeadsPerSecond(timeline)).toBe(5);
  });
});
