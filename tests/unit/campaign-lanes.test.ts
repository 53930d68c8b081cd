import { describe, expect, it } from 'vitest';
import { estimateBacklog } from '../../src/lib/campaigns/backlog-model.ts';
import { campaignLane, wholePaceFor } from '../../src/lib/campaigns/lane-pace.ts';
import { assessReadiness } from '../../src/lib/campaigns/readiness.ts';
import { mapSpace, type LocalizedPage } from '../../src/lib/content/map-space.ts';
import type { LeadLane } from '../../src/schemas/delivery-lanes.ts';
import { defaultLaneShares } from '../../src/schemas/delivery-lanes.ts';
import { campaignSpace } from '../fixtures/campaign-space.ts';

// The fixture campaign peaks at ln 2 ≈ 0.693 leads/s with τ = 3600 s / ln 4 (campaign-space.ts).
const peak = Math.log(2);
const tau = 3600 / Math.log(4);
const launch = Date.parse('2026-12-01T08:00:00Z');
const pace = { ratePerSecond: 2, dutyCycle: 1, scheduleIntervalSeconds: 60 };

/** The campaign's offer form set to `lane` in content. */
function pagesWithLane(lane: LeadLane): LocalizedPage[] {
  const site = mapSpace(campaignSpace());
  return site.pages.map((entry) => ({
    ...entry,
    page: {
      ...entry.page,
      sections: entry.page.sections.map((block) =>
        block.type === 'leadForm' && block.formId === 'winter-offer' ? { ...block, priority: lane } : block,
      ),
    },
  }));
}

function assessIn(lane: LeadLane, ratePerSecond = pace.ratePerSecond, maxDeliveriesPerSecond?: number) {
  const site = mapSpace(campaignSpace());
  const [mapped] = site.campaigns;
  return assessReadiness({
    mapped: mapped && { ...mapped, campaign: { ...mapped.campaign, maxDeliveriesPerSecond } },
    pages: pagesWithLane(lane),
    capacity: undefined,
    pace: { ...pace, ratePerSecond },
    intake: { formsClosed: [], rateLimitPerMinute: 10 },
    readinessRuns: [],
    now: launch - 10 * 86_400_000,
  });
}

describe('readiness by lane', () => {
  it('judges the forecast against the lane’s share of the pace, not the whole pace', () => {
    const bulk = assessIn('bulk');
    expect(bulk.lane).toMatchObject({ lane: 'bulk', sharePercent: 5 });
    expect(bulk.lane.pace.ratePerSecond).toBeCloseTo(0.1, 9);
    const { peakLeadsPerSecond, timeConstantSeconds } = bulk.traffic;
    expect(peakLeadsPerSecond).toBeCloseTo(peak, 9);
    expect(timeConstantSeconds).toBeCloseTo(tau, 6);
    expect(bulk.backlog).toEqual(estimateBacklog(peakLeadsPerSecond, timeConstantSeconds, bulk.lane.pace));
    expect(bulk.backlog?.peakBacklog).toBeGreaterThan(0);
    // The same campaign in the urgent lane (1.4 leads/s guaranteed) keeps up with its peak.
    const urgent = assessIn('urgent');
    expect(urgent.lane.pace.ratePerSecond).toBeCloseTo(1.4, 9);
    expect(urgent.backlog?.peakBacklog).toBe(0);
  });

  it('asks for the whole pace that gives the lane what it needs', () => {
    const bulk = assessIn('bulk');
    expect(bulk.findings.find((finding) => finding.code === 'delivery-slow')?.message).toMatch(
      /the bulk lane's 5 % of the pace/,
    );
    const asked = Number(
      /raise to at least ([\d.,]+)\/s/.exec(bulk.knobs[0]?.advice ?? '')?.[1]?.replace(',', ''),
    );
    // At 0.4 leads/s the normal lane (25 %) gets what the bulk lane gets at 2/s: both are slow.
    const normal = assessIn('normal', 0.4);
    const askedNormal = Number(
      /raise to at least ([\d.,]+)\/s/.exec(normal.knobs[0]?.advice ?? '')?.[1]?.replace(',', ''),
    );
    // One lane rate is needed either way: five times the whole pace at 5 % as at 25 %.
    expect(asked / askedNormal).toBeCloseTo(5, 1);
    expect(bulk.knobs[0]?.current).toMatch(/bulk lane is guaranteed 5 %: 0\.1\/s/);
  });

  it("judges a capped campaign by its ticket's cap, and names the cap as the knob", () => {
    // Urgent keeps up at 1.4/s; a cap of 0.1/s makes it as slow as the bulk lane, whatever the pace.
    const capped = assessIn('urgent', pace.ratePerSecond, 0.1);
    expect(capped.lane).toMatchObject({ lane: 'urgent', capPerSecond: 0.1 });
    expect(capped.backlog).toEqual(assessIn('bulk').backlog);
    expect(capped.findings.find((finding) => finding.code === 'delivery-slow')?.message).toMatch(
      /the campaign's maxDeliveriesPerSecond/,
    );
    expect(capped.knobs[0]?.advice).toMatch(/a higher cap does/);
    expect(assessIn('urgent', pace.ratePerSecond, 5).lane.capPerSecond).toBeUndefined();
  });
});

describe('campaignLane', () => {
  const forms = {
    news: {
      fields: ['email' as const],
      requiredFields: [],
      customFields: [],
      pageSlugs: ['a'],
      lane: 'bulk' as const,
    },
    demo: {
      fields: ['email' as const],
      requiredFields: [],
      customFields: [],
      pageSlugs: ['a'],
      lane: 'urgent' as const,
    },
  };

  it('takes the lane with the smallest share among the campaign’s forms; an unknown form is normal', () => {
    expect(campaignLane(['demo', 'news'], forms, pace, defaultLaneShares).lane).toBe('bulk');
    expect(campaignLane(['demo'], forms, pace, defaultLaneShares).lane).toBe('urgent');
    expect(campaignLane(['demo', 'not-built-yet'], forms, pace, defaultLaneShares).lane).toBe('normal');
    expect(campaignLane([], forms, pace, { urgent: 60, normal: 30, bulk: 10 })).toMatchObject({
      lane: 'normal',
      sharePercent: 30,
    });
  });

  it("judges a campaign by its ticket's cap when the cap is below its lane's share", () => {
    const normal = campaignLane(['x'], forms, pace, defaultLaneShares);
    const capped = campaignLane(['x'], forms, pace, defaultLaneShares, normal.pace.ratePerSecond / 2);
    expect(capped).toMatchObject({ lane: 'normal', capPerSecond: normal.pace.ratePerSecond / 2 });
    expect(capped.pace.ratePerSecond).toBe(normal.pace.ratePerSecond / 2);
    expect(campaignLane(['x'], forms, pace, defaultLaneShares, normal.pace.ratePerSecond * 2)).toEqual(
      normal,
    );
  });

  it('turns a lane rate back into the whole pace', () => {
    expect(wholePaceFor(1, 25)).toBe(4);
  });
});
