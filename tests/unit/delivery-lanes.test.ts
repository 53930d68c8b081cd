import { describe, expect, it } from 'vitest';
import { leadFlowOf } from '../../src/lib/leads/lead-flow.ts';
import { laneDepths } from '../../src/lib/queue/lane-depths.ts';
import { PauseArgsSchema } from '../../src/schemas/delivery-cli.ts';
import { defaultLaneShares, LaneSharesEnvSchema } from '../../src/schemas/delivery-lanes.ts';

describe('LEADS_LANE_SHARES', () => {
  it('defaults to 70/25/5 and reads urgent,normal,bulk percentages', () => {
    expect(LaneSharesEnvSchema.parse(undefined)).toEqual(defaultLaneShares);
    expect(LaneSharesEnvSchema.parse(' 60, 30 ,10')).toEqual({ urgent: 60, normal: 30, bulk: 10 });
  });

  it('refuses a lane without a share, shares that do not make 100, and other shapes', () => {
    const problem = (value: string) => LaneSharesEnvSchema.safeParse(value).error?.issues[0]?.message;
    expect(problem('75,25,0')).toMatch(/every lane needs a share above 0/);
    expect(problem('70,25,4')).toMatch(/add up to 100/);
    expect(problem('70;25;5')).toMatch(/three percentages/);
  });
});

describe('leadFlowOf', () => {
  it("carries the campaign ticket's weight and cap; a form outside a campaign carries neither", () => {
    const ticket = { campaign: 'winter-sale', campaignWeight: 3, campaignMaxPerSecond: 20 };
    expect(leadFlowOf('winter-offer', ticket)).toEqual({
      lane: 'normal',
      group: 'winter-sale',
      formId: 'winter-offer',
      weight: 3,
      maxPerSecond: 20,
    });
    expect(leadFlowOf('news', { campaignWeight: 3 })).toEqual({
      lane: 'normal',
      group: 'form:news',
      formId: 'news',
    });
  });

  it('groups a campaign’s forms under the campaign and other forms under themselves', () => {
    expect(leadFlowOf('winter-offer', { lane: 'urgent', campaign: 'winter-sale' })).toEqual({
      lane: 'urgent',
      group: 'winter-sale',
      formId: 'winter-offer',
      weight: 1,
    });
    expect(leadFlowOf('newsletter', { lane: undefined })).toEqual({
      lane: 'normal',
      group: 'form:newsletter',
      formId: 'newsletter',
    });
  });
});

describe('leads:pause arguments', () => {
  it('takes exactly one of --lane, --campaign, --form', () => {
    expect(PauseArgsSchema.parse({ lane: 'bulk' })).toEqual({ kind: 'lane', key: 'bulk' });
    expect(PauseArgsSchema.parse({ campaign: 'winter-sale' })).toEqual({
      kind: 'campaign',
      key: 'winter-sale',
    });
    expect(PauseArgsSchema.parse({ form: 'newsletter' })).toEqual({ kind: 'form', key: 'newsletter' });
    expect(PauseArgsSchema.safeParse({}).success).toBe(false);
    expect(PauseArgsSchema.safeParse({ lane: 'bulk', form: 'x' }).success).toBe(false);
    expect(PauseArgsSchema.safeParse({ lane: 'fast' }).error?.issues[0]?.message).toMatch(
      /urgent, normal, bulk/,
    );
  });
});

describe('laneDepths', () => {
  it('sums each lane’s flows and names the paused ones with what holds them', () => {
    const flows = [
      { lane: 'bulk', group: 'form:news', formId: 'news', depth: 900 },
      { lane: 'normal', group: 'winter-sale', formId: 'winter-offer', depth: 40 },
      { lane: 'normal', group: 'form:contact', formId: 'contact', depth: 2 },
      { lane: 'normal', group: '', formId: '', depth: 3 },
    ];
    const pauses = [{ kind: 'campaign' as const, key: 'winter-sale', pausedAt: 0 }];
    expect(laneDepths(flows, pauses, defaultLaneShares)).toEqual([
      { lane: 'urgent', depth: 0, paused: 0, laneShare: 70, pausedFlows: [] },
      {
        ...{ lane: 'normal', depth: 45, paused: 40, laneShare: 25 },
        pausedFlows: [
          { group: 'winter-sale', formId: 'winter-offer', depth: 40, by: 'campaign winter-sale' },
        ],
      },
      { lane: 'bulk', depth: 900, paused: 0, laneShare: 5, pausedFlows: [] },
    ]);
  });
});
