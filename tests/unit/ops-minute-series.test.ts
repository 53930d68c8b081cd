import { describe, expect, it } from 'vitest';
import { minuteSeries, recentRates, type MinuteRollup } from '../../src/lib/ops/minute-series.ts';

const t0 = Date.UTC(2026, 11, 7, 14, 0, 0);
const m = 60_000;
const row = (minute: number, counts: Partial<MinuteRollup>): MinuteRollup => ({
  minute,
  ...{ accepted: 0, spam: 0, delivered: 0, retried: 0, dead: 0, redriven: 0, released: 0 },
  ...counts,
});

describe('the per-minute series', () => {
  it('fills gaps, ends with the current minute and walks the depth back from now (never below 0)', () => {
    const points = minuteSeries({
      now: t0 + 2 * m + 20_000,
      minutes: 4,
      depthNow: 50,
      rollups: [
        row(t0, { accepted: 100, delivered: 10 }),
        row(t0 + 2 * m, { accepted: 5, delivered: 45, redriven: 2 }),
      ],
      refusals: new Map([[t0 + m, { refused: 3, unavailable: 1 }]]),
    });
    expect(
      points.map((point) => [
        point.minute.slice(11, 16),
        point.accepted,
        point.delivered,
        point.refused,
        point.depth,
      ]),
    ).toEqual([
      ['13:59', 0, 0, 0, 0],
      ['14:00', 100, 10, 0, 88],
      ['14:01', 0, 0, 3, 88],
      ['14:02', 5, 45, 0, 50],
    ]);
  });

  it('rates count the current minute by its elapsed share', () => {
    const points = minuteSeries({
      now: t0 + 4 * m + 30_000,
      minutes: 5,
      depthNow: 0,
      rollups: [0, 1, 2, 3, 4].map((i) => row(t0 + i * m, { delivered: 9, accepted: 4, released: 1 })),
      refusals: new Map(),
    });
    expect(recentRates(points, t0 + 4 * m + 30_000)).toEqual({
      deliveredPerMinute: 10,
      intakePerMinute: 25 / 4.5,
    });
  });
});
