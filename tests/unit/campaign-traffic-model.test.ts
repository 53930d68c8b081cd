import { describe, expect, it } from 'vitest';
import { arrivedBy, estimateTraffic, timeConstantSeconds } from '../../src/lib/campaigns/traffic-model.ts';
import { CampaignSchema } from '../../src/schemas/campaign.ts';
import { campaignFields } from '../fixtures/campaign-space.ts';

const inputs = CampaignSchema.omit({ targetPages: true }).parse({
  ...campaignFields,
  type: 'campaign',
  id: 'campaign-winter-offer',
});

describe('the traffic model', () => {
  it('adds up the visits of every audience source and converts them to leads', () => {
    const traffic = estimateTraffic(inputs);
    // 100,000 emails × 5% + 1,000,000 impressions × 1% + 3,000 other visits.
    expect(traffic.visits).toBe(18_000);
    expect(traffic.leads).toBeCloseTo(1_800, 9);
    expect(traffic.missing).toEqual([]);
  });

  it('turns "75% within 60 minutes" into τ = 3600 s / ln 4 and a peak of total / τ', () => {
    const traffic = estimateTraffic(inputs);
    expect(traffic.timeConstantSeconds).toBeCloseTo(3600 / Math.log(4), 6);
    expect(traffic.peakLeadsPerSecond).toBeCloseTo(Math.log(2), 9);
    expect(traffic.peakPageViewsPerSecond).toBeCloseTo(10 * Math.log(2), 9);
    expect(traffic.leadsSource).toBe('model');
  });

  it('puts exactly the peak share of all arrivals inside the peak window', () => {
    for (const [share, minutes] of [
      [0.6, 60],
      [0.9, 15],
      [0.2, 240],
    ] as const) {
      const tau = timeConstantSeconds(share, minutes * 60);
      const peak = 1000 / tau;
      expect(arrivedBy(peak, tau, minutes * 60) / arrivedBy(peak, tau, Infinity)).toBeCloseTo(share, 9);
    }
  });

  it('lets a measured peak override the model and keeps the modelled value for comparison', () => {
    const traffic = estimateTraffic({ ...inputs, measuredPeakLeadsPerSecond: 2.5 });
    expect(traffic.peakLeadsPerSecond).toBe(2.5);
    expect(traffic.leadsSource).toBe('measured');
    expect(traffic.modelPeakLeadsPerSecond).toBeCloseTo(Math.log(2), 9);
    expect(traffic.pageViewsSource).toBe('model');
  });

  it('names the click rate that is missing for an audience that is given', () => {
    const traffic = estimateTraffic({ ...inputs, adVisitRate: undefined });
    expect(traffic.missing).toEqual(['adVisitRate']);
    expect(traffic.visits).toBe(8_000);
  });

  it('asks for an audience when there is none and no measured peak', () => {
    const traffic = estimateTraffic({
      ...inputs,
      emailsSent: undefined,
      adImpressions: undefined,
      otherVisits: undefined,
    });
    expect(traffic.peakLeadsPerSecond).toBe(0);
    expect(traffic.missing).toEqual([
      'emailsSent, adImpressions or otherVisits (or measuredPeakLeadsPerSecond)',
    ]);
  });
});
