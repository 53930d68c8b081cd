import { describe, expect, it } from 'vitest';
import {
  backlogSeries,
  estimateBacklog,
  rateForMaxDelay,
  type DeliveryPace,
} from '../../src/lib/campaigns/backlog-model.ts';
import { arrivedBy } from '../../src/lib/campaigns/traffic-model.ts';

const tau = 3600 / Math.log(4);
const peak = Math.log(2);
const pace = (ratePerSecond: number, dutyCycle = 1): DeliveryPace => ({
  ratePerSecond,
  dutyCycle,
  scheduleIntervalSeconds: 60,
});

/** An independent check: step the queue second by second. */
function simulate(mu: number, seconds: number) {
  let backlog = 0;
  let worst = { backlog: 0, at: 0 };
  let emptyAt = 0;
  for (let t = 0; t < seconds; t++) {
    backlog = Math.max(0, backlog + arrivedBy(peak, tau, t + 1) - arrivedBy(peak, tau, t) - mu);
    if (backlog > worst.backlog) worst = { backlog, at: t + 1 };
    if (worst.backlog > 0 && backlog === 0 && emptyAt === 0) emptyAt = t + 1;
  }
  return { worst, emptyAt };
}

describe('the backlog model', () => {
  it('has no backlog when the worker is faster than the peak', () => {
    const backlog = estimateBacklog(peak, tau, pace(1));
    expect(backlog.peakBacklog).toBe(0);
    expect(backlog.maxLeadDelaySeconds).toBe(60);
  });

  it('agrees with a second-by-second simulation when the peak outruns the worker', () => {
    const backlog = estimateBacklog(peak, tau, pace(0.25));
    const simulated = simulate(0.25, 20_000);
    expect(backlog.peakBacklog).toBeCloseTo(simulated.worst.backlog, 0);
    expect(Math.abs(backlog.peakBacklogAtSeconds - simulated.worst.at)).toBeLessThan(2);
    expect(Math.abs(backlog.drainSeconds + backlog.peakBacklogAtSeconds - simulated.emptyAt)).toBeLessThan(2);
    expect(backlog.caughtUpAfterSeconds).toBeCloseTo(
      backlog.peakBacklogAtSeconds + backlog.drainSeconds + 60,
      6,
    );
    expect(backlog.maxLeadDelaySeconds).toBeCloseTo(backlog.peakBacklog / 0.25 + 60, 6);
  });

  it('counts only the share of time the worker runs', () => {
    const continuous = estimateBacklog(peak, tau, pace(0.25));
    const halfTime = estimateBacklog(peak, tau, pace(0.5, 0.5));
    expect(halfTime.effectiveRatePerSecond).toBe(0.25);
    expect(halfTime.peakBacklog).toBeCloseTo(continuous.peakBacklog, 9);
  });

  it('finds the delivery rate that keeps the longest wait within a limit', () => {
    const rate = rateForMaxDelay(peak, tau, pace(0.1), 30 * 60)!;
    expect(estimateBacklog(peak, tau, pace(rate)).maxLeadDelaySeconds).toBeCloseTo(30 * 60, 0);
    expect(estimateBacklog(peak, tau, pace(rate * 0.95)).maxLeadDelaySeconds).toBeGreaterThan(30 * 60);
    expect(rateForMaxDelay(peak, tau, pace(0.1), 30)).toBeUndefined();
  });

  it('samples the wave with arrivals that add up and a backlog that returns to zero', () => {
    const series = backlogSeries(peak, tau, pace(0.25), 6 * 3600, 360);
    expect(series[0]).toMatchObject({ seconds: 0, backlog: 0, deliveriesPerSecond: 0.25 });
    expect(series[0].arrivalsPerSecond).toBeCloseTo(peak, 9);
    expect(Math.max(...series.map((point) => point.backlog))).toBeCloseTo(
      estimateBacklog(peak, tau, pace(0.25)).peakBacklog,
      -1,
    );
    expect(series.at(-1)!.backlog).toBe(0);
  });
});
