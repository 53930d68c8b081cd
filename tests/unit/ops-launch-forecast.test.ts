import { describe, expect, it } from 'vitest';
import { forecastBetween, forecastPerMinute, runningForecasts } from '../../src/lib/ops/launch-forecast.ts';
import { arrivedBy } from '../../src/lib/campaigns/traffic-model.ts';
import type { LaunchForecast } from '../../src/schemas/launch-forecast.ts';

const launch = Date.UTC(2026, 11, 7, 9, 0);
const ticket: LaunchForecast = {
  key: 'winter-sale-2026',
  name: 'Winter sale',
  launchAt: new Date(launch).toISOString(),
  endAt: new Date(launch + 86_400_000).toISOString(),
  forms: ['winter-sale-offer'],
  peakLeadsPerSecond: 2,
  timeConstantSeconds: 600,
  leadsSource: 'model',
};
const minute = 60_000;

describe('launch forecast per minute', () => {
  it('is the traffic model integrated over each minute from the launch', () => {
    expect(forecastBetween(ticket, launch, launch + minute)).toBeCloseTo(arrivedBy(2, 600, 60), 9);
    // Peak at launch (2/s ≈ 120 in the first minute), decaying with τ.
    const [first, second] = forecastPerMinute(ticket, [launch, launch + minute]);
    expect(first).toBeGreaterThan(110);
    expect(first).toBeLessThan(120);
    expect(second).toBeCloseTo((first ?? 0) * Math.exp(-60 / 600), 6);
  });

  it('is zero before the launch and after the end, and a straddling minute counts only its share', () => {
    expect(forecastBetween(ticket, launch - 10 * minute, launch)).toBe(0);
    const end = Date.parse(ticket.endAt);
    expect(forecastBetween(ticket, end, end + minute)).toBe(0);
    expect(forecastBetween(ticket, launch - 30_000, launch + 30_000)).toBeCloseTo(arrivedBy(2, 600, 30), 9);
  });

  it('adds up over minutes to the whole wave', () => {
    const minutes = Array.from({ length: 24 * 60 }, (_, index) => launch + index * minute);
    const total = forecastPerMinute(ticket, minutes).reduce((sum, count) => sum + count, 0);
    expect(total).toBeCloseTo(2 * 600, 3);
  });

  it('running campaigns: launched and not ended at the injected time, latest launch first', () => {
    const later = { ...ticket, key: 'later', launchAt: new Date(launch + 3_600_000).toISOString() };
    const over = { ...ticket, key: 'over', endAt: new Date(launch + minute).toISOString() };
    expect(runningForecasts([ticket, later, over], launch - 1)).toEqual([]);
    expect(runningForecasts([ticket, later, over], launch).map((f) => f.key)).toEqual([
      'winter-sale-2026',
      'over',
    ]);
    expect(runningForecasts([ticket, later, over], launch + 7_200_000).map((f) => f.key)).toEqual([
      'later',
      'winter-sale-2026',
    ]);
  });
});
