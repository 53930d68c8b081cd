import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import type { CampaignVsForecast } from '../../src/lib/ops/forecast-facts.ts';
import type { LaunchFacts } from '../../src/lib/ops/launch-facts.ts';
import { launchForecastsOf } from '../../src/lib/ops/launch-forecast.ts';
import { evaluateLaunchRules, type QueueOutlook } from '../../src/lib/ops/launch-rules.ts';
import {
  backlogClearMinutes,
  overForecastFactor,
  ticketThresholds,
} from '../../src/lib/ops/ticket-thresholds.ts';
import { CampaignSchema } from '../../src/schemas/campaign.ts';
import { LaunchForecastsSchema } from '../../src/schemas/launch-forecast.ts';
import { OpsEnvSchema } from '../../src/schemas/ops-env.ts';
import { runningCampaign } from '../fixtures/running-campaign.ts';

/** Per-ticket alert thresholds: the ticket's value, else ALERT_* configuration, else its default. */
const defaults = parseEnv(OpsEnvSchema, {}, 'tests');
const configured = parseEnv(
  OpsEnvSchema,
  { ALERT_OVER_FORECAST_FACTOR: '4', ALERT_BACKLOG_CLEAR_MINUTES: '90' },
  'tests',
);
const now = Date.UTC(2026, 11, 7, 12, 0);
const campaign = (
  key: string,
  actual: number,
  thresholds?: CampaignVsForecast['thresholds'],
): CampaignVsForecast =>
  runningCampaign({ forecast: 100, actual }, { key, name: key, ...(thresholds ? { thresholds } : {}) });
const facts = (...running: CampaignVsForecast[]): LaunchFacts => ({
  forecast: { bundled: true, running, next: null },
  rebuild: { open: null, due: 0, pending: 0, failing: false, lastCall: null },
  outbox: { count: 0, oldestSeconds: null, sampled: 0 },
  content: { problems: [] },
  pauses: [],
});
const queue = (clearsInMinutes: number): QueueOutlook => ({
  now,
  depth: 5_000,
  oldestQueuedSeconds: 3_600,
  clearsAt: new Date(now + clearsInMinutes * 60_000).toISOString(),
  deliveredPerMinute: 100,
});
const fires = (rule: string, launch: LaunchFacts, limits = defaults, outlook = queue(0)) =>
  evaluateLaunchRules(launch, limits, outlook).find((finding) => finding.rule === rule)?.firing;

describe('per-ticket alert thresholds', () => {
  it('over-forecast: ticket > configuration > default', () => {
    expect(defaults.ALERT_OVER_FORECAST_FACTOR).toBe(2);
    expect(overForecastFactor(undefined, 2)).toBe(2);
    expect(overForecastFactor({}, 4)).toBe(4);
    expect(overForecastFactor({ alertOverForecastFactor: 6 }, 4)).toBe(6);
    // 300 accepted against 100 forecast: above the default 2×, within the configured 4×.
    expect(fires('over-forecast', facts(campaign('a', 300)))).toBe(true);
    expect(fires('over-forecast', facts(campaign('a', 300)), configured)).toBe(false);
    // The ticket's 2.5× wins over the configured 4×; its 5× over the default 2×.
    expect(
      fires('over-forecast', facts(campaign('a', 300, { alertOverForecastFactor: 2.5 })), configured),
    ).toBe(true);
    expect(fires('over-forecast', facts(campaign('a', 300, { alertOverForecastFactor: 5 })))).toBe(false);
    // Each running campaign is judged by its own ticket.
    const both = facts(campaign('lax', 300, { alertOverForecastFactor: 5 }), campaign('strict', 300));
    const finding = evaluateLaunchRules(both, defaults, queue(0)).find((f) => f.rule === 'over-forecast');
    expect(finding?.summary).toContain('strict (strict)');
    expect(finding?.summary).not.toContain('lax (lax)');
  });

  it('backlog-deadline: the tightest running ticket > configuration > default', () => {
    expect(defaults.ALERT_BACKLOG_CLEAR_MINUTES).toBe(60);
    expect(backlogClearMinutes([], 60)).toEqual({ minutes: 60 });
    expect(backlogClearMinutes([{ key: 'a' }], 90)).toEqual({ minutes: 90 });
    expect(
      backlogClearMinutes(
        [
          { key: 'a', thresholds: { alertBacklogClearMinutes: 120 } },
          { key: 'b', thresholds: { alertBacklogClearMinutes: 30 } },
          { key: 'c' },
        ],
        90,
      ),
    ).toEqual({ minutes: 30, ticket: 'b' });
    // A ticket planning a two-hour drain: 100 min is on plan there, late by the 60 min default.
    const calm = campaign('a', 0);
    expect(fires('backlog-deadline', facts(calm), defaults, queue(100))).toBe(true);
    expect(fires('backlog-deadline', facts(calm), configured, queue(100))).toBe(true);
    expect(fires('backlog-deadline', facts(calm), configured, queue(80))).toBe(false);
    const planned = campaign('a', 0, { alertBacklogClearMinutes: 120 });
    expect(fires('backlog-deadline', facts(planned), defaults, queue(100))).toBe(false);
    const promised = campaign('a', 0, { alertBacklogClearMinutes: 30 });
    const finding = evaluateLaunchRules(facts(promised), configured, queue(45)).find(
      (f) => f.rule === 'backlog-deadline',
    );
    expect(finding).toMatchObject({ firing: true, summary: expect.stringContaining('set by ticket a') });
  });

  it('the build carries a ticket’s thresholds into the bundle the alert schedule reads', () => {
    const ticket = CampaignSchema.parse({
      type: 'campaign',
      id: 'c1',
      key: 'winter-sale-2026',
      name: 'Winter sale',
      launchAt: '2026-12-07T09:00Z',
      endAt: '2026-12-31T23:00Z',
      otherVisits: 10_000,
      submitRate: 0.05,
      peakShare: 0.6,
      peakWindowMinutes: 60,
      targetPages: [{ type: 'pageRef', id: 'p1', slug: 'winter-sale', title: 'Winter sale' }],
      forms: ['winter-sale-offer'],
      alertOverForecastFactor: 3,
      alertBacklogClearMinutes: 45,
      owner: 'Ada',
      contact: 'ada@example.com',
    });
    const [bundled] = LaunchForecastsSchema.parse(
      JSON.parse(JSON.stringify(launchForecastsOf([{ campaign: ticket, unpublishedTargetPageIds: [] }]))),
    );
    expect(bundled && ticketThresholds(bundled)).toEqual({
      alertOverForecastFactor: 3,
      alertBacklogClearMinutes: 45,
    });
    // The owner and contact stay in the content.
    expect(JSON.stringify(bundled)).not.toContain('ada@example.com');
    expect(bundled?.ticket?.targetPages).toEqual([{ slug: 'winter-sale' }]);
    expect(() => CampaignSchema.parse({ ...ticket, alertOverForecastFactor: 1 })).toThrow(/above 1/);
  });
});
