import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import type { CampaignVsForecast } from '../../src/lib/ops/forecast-facts.ts';
import type { LaunchFacts } from '../../src/lib/ops/launch-facts.ts';
import { evaluateLaunchRules, type QueueOutlook } from '../../src/lib/ops/launch-rules.ts';
import { OpsEnvSchema } from '../../src/schemas/ops-env.ts';
import { runningCampaign } from '../fixtures/running-campaign.ts';

const limits = parseEnv(OpsEnvSchema, {}, 'tests');
const calm: LaunchFacts = {
  forecast: { bundled: true, running: [], next: null },
  rebuild: { open: null, due: 0, pending: 0, failing: false, lastCall: null },
  outbox: { count: 0, oldestSeconds: null, sampled: 0 },
  content: { problems: [] },
  pauses: [],
};
const now = Date.UTC(2026, 11, 7, 12, 0);
const emptyQueue: QueueOutlook = {
  now,
  depth: 0,
  oldestQueuedSeconds: null,
  clearsAt: new Date(now).toISOString(),
  deliveredPerMinute: 0,
};
const firing = (facts: Partial<LaunchFacts>, env = limits, queue = emptyQueue) =>
  evaluateLaunchRules({ ...calm, ...facts }, env, queue)
    .filter((finding) => finding.firing)
    .map((finding) => finding.rule);
const campaign = (forecast: number, actual: number): CampaignVsForecast =>
  runningCampaign({ forecast, actual });
const problem = (severity: string) => ({
  severity,
  contentType: 'consentText',
  entryId: 'consent-1',
  entryName: 'Newsletter consent',
  field: 'privacyPage',
  locales: ['de'],
  message: 'its privacy page is gone',
  pages: ['/winter-sale/'],
  instead: 'the form without the newsletter box',
});

describe('launch alert rules', () => {
  it('a calm launch fires nothing, and every rule answers (so a stopped rule resolves)', () => {
    expect(firing({})).toEqual([]);
    expect(evaluateLaunchRules(calm, limits, emptyQueue).map((finding) => finding.rule)).toEqual([
      'over-forecast',
      'backlog-deadline',
      'build-hook-failing',
      'outbox-held',
      'content-error-live',
    ]);
  });

  it('over-forecast: accepted above ALERT_OVER_FORECAST_FACTOR × the forecast, once there are ALERT_MIN_SAMPLE leads', () => {
    const running = (forecast: number, actual: number) => ({
      forecast: { bundled: true, running: [campaign(forecast, actual)], next: null },
    });
    expect(firing(running(100, 200))).toEqual([]);
    expect(firing(running(100, 201))).toEqual(['over-forecast']);
    // A handful of leads against a forecast near zero (days after launch) is noise.
    expect(firing(running(0.1, 19))).toEqual([]);
    expect(firing(running(0.1, 20))).toEqual(['over-forecast']);
    const looser = parseEnv(OpsEnvSchema, { ALERT_OVER_FORECAST_FACTOR: '3' }, 'tests');
    expect(firing(running(100, 250), looser)).toEqual([]);
    const [finding] = evaluateLaunchRules({ ...calm, ...running(100, 201) }, limits, emptyQueue);
    expect(finding?.summary).toContain('Winter sale (winter-sale-2026): 201 accepted');
  });

  it('backlog-deadline: clearing later than ALERT_BACKLOG_CLEAR_MINUTES, or not clearing unless a ticket expects growth', () => {
    const queue = (minutes: number | null, deliveredPerMinute = 100): QueueOutlook => ({
      now,
      depth: 500,
      oldestQueuedSeconds: 600,
      clearsAt: minutes === null ? null : new Date(now + minutes * 60_000).toISOString(),
      deliveredPerMinute,
    });
    expect(firing({}, limits, queue(60))).toEqual([]);
    expect(firing({}, limits, queue(61))).toEqual(['backlog-deadline']);
    expect(firing({}, limits, queue(null))).toEqual(['backlog-deadline']);
    // Launch minutes: the ticket forecasts 1,000 arrivals over 5 min (200/min) against 100 delivered.
    const launching = { forecast: { bundled: true, running: [campaign(1_000, 900)], next: null } };
    expect(firing(launching, limits, queue(null))).toEqual([]);
    expect(firing(launching, limits, queue(null, 250))).toEqual(['backlog-deadline']);
    expect(firing(launching, limits, queue(90))).toEqual(['backlog-deadline']);
    const patient = parseEnv(OpsEnvSchema, { ALERT_BACKLOG_CLEAR_MINUTES: '120' }, 'tests');
    expect(firing({}, patient, queue(90))).toEqual([]);
    expect(firing({}, limits, { ...queue(null), depth: 0 })).toEqual([]);
    // Leads flowing through (the oldest younger than ALERT_STALLED_MINUTES, default 10) are no backlog.
    expect(firing({}, limits, { ...queue(null), depth: 1, oldestQueuedSeconds: 599 })).toEqual([]);
    expect(firing({}, limits, { ...queue(120), oldestQueuedSeconds: 30 })).toEqual([]);
  });

  it('build-hook-failing: the newest call failed and windows still wait', () => {
    const lastCall = {
      startedAt: 0,
      ok: false,
      title: 'Content: 3 changes',
      attempts: 3,
      lastResult: 'HTTP 500',
    };
    expect(firing({ rebuild: { open: null, due: 1, pending: 0, failing: true, lastCall } })).toEqual([
      'build-hook-failing',
    ]);
    expect(firing({ rebuild: { open: null, due: 0, pending: 0, failing: false, lastCall } })).toEqual([]);
    expect(firing({ rebuild: { error: 'unknown (Error)' } })).toEqual([]);
  });

  it('outbox-held: a lead in the Blobs outbox longer than ALERT_OUTBOX_MINUTES (default 5)', () => {
    expect(firing({ outbox: { count: 3, oldestSeconds: 300, sampled: 3 } })).toEqual([]);
    expect(firing({ outbox: { count: 3, oldestSeconds: 301, sampled: 3 } })).toEqual(['outbox-held']);
    expect(firing({ outbox: { error: 'unknown (Error)' } })).toEqual([]);
    const stricter = parseEnv(OpsEnvSchema, { ALERT_OUTBOX_MINUTES: '1' }, 'tests');
    expect(firing({ outbox: { count: 1, oldestSeconds: 61, sampled: 1 } }, stricter)).toEqual([
      'outbox-held',
    ]);
  });

  it('content-error-live: any problem of severity "error" in the deployed report, not warnings or readiness', () => {
    expect(firing({ content: { problems: [problem('warning'), problem('readiness')] } })).toEqual([]);
    expect(firing({ content: { problems: [problem('warning'), problem('error')] } })).toEqual([
      'content-error-live',
    ]);
    expect(firing({ content: undefined })).toEqual([]);
    const summary = evaluateLaunchRules(
      { ...calm, content: { problems: [problem('error')] } },
      limits,
      emptyQueue,
    )[4]?.summary;
    expect(summary).toContain('consentText "Newsletter consent" (consent-1): its privacy page is gone');
  });
});
