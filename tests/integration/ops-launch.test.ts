import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { evaluateAlerts } from '../../src/lib/ops/evaluate-alerts.ts';
import { readLaunchFacts, type LaunchSources } from '../../src/lib/ops/launch-facts.ts';
import { handleOpsPage } from '../../src/lib/ops/handle-ops-page.ts';
import { readOpsMetrics } from '../../src/lib/ops/read-metrics.ts';
import { createRefusalRecorder } from '../../src/lib/ops/refusal-recorder.ts';
import { createOpsRoom } from '../../src/lib/ops/ops-room.ts';
import { blobsOutbox, type LeadOutbox } from '../../src/lib/outbox/outbox-store.ts';
import type { LaunchForecast } from '../../src/schemas/launch-forecast.ts';
import { OpsEnvSchema } from '../../src/schemas/ops-env.ts';
import type { OpsContentReport } from '../../src/schemas/ops-content-report.ts';
import { startAlertSink } from '../fixtures/alert-sink.ts';
import { blobsStore, startBlobsServer, type RunningBlobsServer } from '../fixtures/blobs-server.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';

/**
 * The launch panels' facts and rules on a real PostgreSQL server and a real local Blobs server:
 * forecast vs actual from the rollups, the rebuild tables, the outbox, the bundled content report,
 * and pause/resume through the page's own handler. Every time is injected.
 */
let db: TestDatabase;
let blobs: RunningBlobsServer;
let sink: Awaited<ReturnType<typeof startAlertSink>>;
let outbox: LeadOutbox;
const secret = 'alert-secret-of-at-least-32-characters!';
const token = 'ops-token-for-tests-0123456789abcdef';
const minute = 60_000;
const launch = Date.UTC(2026, 11, 7, 9, 0);
const now = launch + 30 * minute + 20_000;
const ticket: LaunchForecast = {
  key: 'winter-sale-2026',
  name: 'Winter sale',
  launchAt: new Date(launch).toISOString(),
  endAt: new Date(launch + 86_400_000).toISOString(),
  forms: ['winter-sale-offer'],
  peakLeadsPerSecond: 0.5,
  timeConstantSeconds: 1_800,
  leadsSource: 'model',
};
let report: OpsContentReport = { problems: [] };
/** The launch ticket's own alert thresholds, as the build bundles them (none unless a test sets some). */
let thresholds: Pick<NonNullable<LaunchForecast['ticket']>, 'alertOverForecastFactor'> = {};
const withTicket = (): LaunchForecast => ({
  ...ticket,
  ticket: {
    ...{
      type: 'campaign',
      id: 'c1',
      key: ticket.key,
      name: ticket.name,
      forms: ticket.forms,
      newDataFields: [],
    },
    ...{ launchAt: ticket.launchAt, endAt: ticket.endAt, otherVisits: 10_000, submitRate: 0.05 },
    ...{ peakShare: 0.6, peakWindowMinutes: 60, targetPages: [{ slug: 'winter-sale' }], ...thresholds },
  },
});
const sources = (): LaunchSources => ({
  db,
  forecasts: () => Promise.resolve([withTicket()]),
  contentReport: () => Promise.resolve(report),
  outbox: () => Promise.resolve(outbox),
});

beforeAll(async () => {
  [db, blobs, sink] = await Promise.all([
    realPostgresDatabase({ max: 4 }),
    startBlobsServer(),
    startAlertSink(),
  ]);
  outbox = blobsOutbox(() => blobsStore(blobs, 'lead-outbox'));
}, 60_000);
afterAll(async () => {
  await sink.close();
  await Promise.all([db.close(), blobs.stop()]);
});
beforeEach(async () => {
  await db.query('TRUNCATE ops_minute, ops_alerts, rebuild_windows, rebuild_calls, lead_pauses CASCADE');
  for (const key of await outbox.keys()) await outbox.delete(key);
  sink.received.length = 0;
  sink.answer(200);
  report = { problems: [] };
  thresholds = {};
});

/** Accepted leads in the rollup, as the intake's trigger writes them. */
const accepted = (at: number, formId: string, campaign: string, count: number) =>
  db.query(
    `INSERT INTO ops_minute (minute, form_id, campaign, shard, accepted) VALUES (date_trunc('minute', $1::timestamptz), $2, $3, 0, $4)`,
    [new Date(at), formId, campaign, count],
  );

describe('launch facts', () => {
  it('forecast vs actual: accepted per minute by the ticket key or its forms, against the forecast', async () => {
    await accepted(now - 2 * minute, 'winter-sale-offer', '', 10);
    await accepted(now - 2 * minute, 'other-form', 'winter-sale-2026', 5);
    await accepted(now - 2 * minute, 'other-form', 'another-campaign', 50);
    await accepted(now - 90 * minute, 'winter-sale-offer', '', 7);
    await accepted(now, 'winter-sale-offer', '', 3);
    const { forecast } = await readLaunchFacts(sources(), now);
    const [campaign] = forecast.running;
    expect(campaign?.key).toBe('winter-sale-2026');
    expect(campaign?.minutes).toHaveLength(60);
    expect(campaign?.actual.at(-3)).toBe(15);
    expect(campaign?.actual.at(-1)).toBe(3);
    expect(campaign?.actual.reduce((sum, count) => sum + count, 0)).toBe(18);
    // The last five whole minutes: the current, partial one waits.
    expect(campaign?.recent.actual).toBe(15);
    // 0.5/s decaying with τ = 30 min: about 30 × e^(−0.5) per minute half an hour in.
    expect(campaign?.forecast.at(-1)).toBeCloseTo(30 * Math.exp(-30.5 / 30), 0);
    // Minutes 25–30 after launch: about 5 × 30 × e^(−27.5/30) ≈ 60.
    expect(campaign?.recent.forecast).toBeGreaterThan(59);
    expect(campaign?.recent.forecast).toBeLessThan(61);
  });

  it('the outbox: count and the oldest lead age; the rebuild: open window and the last call', async () => {
    const lead = (receivedAt: number) => ({
      idempotencyKey: `k-${receivedAt}`,
      fingerprint: 'f',
      receivedAt,
      payload: { formId: 'winter-sale-offer' },
    });
    await outbox.put('a', { lead: lead(now - 7 * minute) });
    await outbox.put('b', { lead: lead(now - minute) });
    await db.query(
      `INSERT INTO rebuild_windows (id, state, opens_at, closes_at, due_at) VALUES ('w1', 'open', $1, $2, $2)`,
      [new Date(now - 10_000), new Date(now + 20_000)],
    );
    await db.query(
      `INSERT INTO rebuild_calls (id, window_ids, started_at, finished_at, ok, title, event_count, attempts)
       VALUES ('c1', '{w0}', $1, $1, true, 'Content: 2 changes', 2, $2)`,
      [new Date(now - 5 * minute), JSON.stringify([{ at: now - 5 * minute, ms: 80, status: 200 }])],
    );
    const facts = await readLaunchFacts(sources(), now);
    expect(facts.outbox).toEqual({ count: 2, oldestSeconds: 420, sampled: 2 });
    expect(facts.rebuild).toMatchObject({
      open: { opensAt: now - 10_000, closesAt: now + 20_000, events: 0 },
      failing: false,
      lastCall: { ok: true, lastResult: 'HTTP 200', attempts: 1, title: 'Content: 2 changes' },
    });
  });
});

describe('refusals by reason', () => {
  it('a 400 is kept under its code; every 5xx counts towards intake-unavailable, no 4xx does', async () => {
    await db.query('TRUNCATE ops_refusals');
    const recorder = createRefusalRecorder({ db, now: () => now });
    for (const reason of ['400 invalid_lead', '400 invalid_lead', '400 invalid_json', '409', '500', '503'])
      recorder.record(reason);
    await recorder.flush();
    const metrics = await readOpsMetrics(db, { now, pacePerMinute: 60 });
    expect(metrics.refusedByReason).toEqual({
      '400 invalid_lead': 2,
      '400 invalid_json': 1,
      '409': 1,
      '500': 1,
      '503': 1,
    });
    expect(metrics.perMinute.at(-1)).toMatchObject({ refused: 6, unavailable: 2 });
  });
});

describe('launch alerts', () => {
  const env = () =>
    parseEnv(OpsEnvSchema, { ALERT_WEBHOOK_URL: sink.url, ALERT_WEBHOOK_SECRET: secret }, 'tests');
  const evaluateAt = (time: number) =>
    evaluateAlerts({
      db,
      env: env(),
      pacePerMinute: 600,
      now: () => time,
      sleep: async () => {},
      log: () => {},
      launchFacts: (at) => readLaunchFacts(sources(), at),
    });
  const sent = () => sink.received.map((alert) => JSON.parse(alert.body) as { rule: string; state: string });

  it('a failing build hook and a live content error each fire once and resolve once', async () => {
    await db.query(
      `INSERT INTO rebuild_windows (id, state, opens_at, closes_at, due_at, failed_calls) VALUES ('w1', 'failed', $1, $1, $1, 1)`,
      [new Date(now - minute)],
    );
    await db.query(
      `INSERT INTO rebuild_calls (id, window_ids, started_at, finished_at, ok, title, event_count, attempts)
       VALUES ('c1', '{w1}', $1, $1, false, 'Content: 1 change', 1, $2)`,
      [new Date(now - minute), JSON.stringify([{ at: now - minute, ms: 80, status: 500 }])],
    );
    report = {
      problems: [
        {
          severity: 'error',
          contentType: 'consentText',
          entryId: 'consent-1',
          entryName: 'Newsletter consent',
          locales: ['de'],
          message: 'its privacy page is gone',
          pages: ['/de/winteraktion/'],
          instead: 'the form without the newsletter box',
        },
      ],
    };
    await Promise.all([evaluateAt(now), evaluateAt(now)]);
    await evaluateAt(now + minute);
    expect(
      sent()
        .map(({ rule, state }) => `${rule}:${state}`)
        .sort(),
    ).toEqual(['build-hook-failing:firing', 'content-error-live:firing']);
    await db.query(`UPDATE rebuild_calls SET ok = true`);
    await db.query(`UPDATE rebuild_windows SET state = 'built', due_at = NULL, built_at = $1`, [
      new Date(now),
    ]);
    report = { problems: [] };
    await evaluateAt(now + 2 * minute);
    expect(
      sent()
        .filter(({ state }) => state === 'resolved')
        .map(({ rule }) => rule)
        .sort(),
    ).toEqual(['build-hook-failing', 'content-error-live']);
  });

  it('launch facts that fail to read cost only the launch rules: the queue rules still fire', async () => {
    await db.query(`UPDATE delivery_circuit SET state = 'open', opened_at = $1, until = $2, failures = 5`, [
      new Date(now),
      new Date(now + 30_000),
    ]);
    const logged: string[] = [];
    const { outcomes } = await evaluateAlerts({
      db,
      env: env(),
      pacePerMinute: 600,
      now: () => now,
      sleep: async () => {},
      log: (event) => void logged.push(event.event),
      launchFacts: () => Promise.reject(new Error('outbox store unreachable')),
    });
    await db.query(`UPDATE delivery_circuit SET state = 'closed', until = NULL, failures = 0`);
    expect(outcomes.map((outcome) => outcome.rule)).toEqual(['breaker-open']);
    expect(logged).toContain('alert.launch-facts-failed');
  });

  it('over-forecast fires when a running campaign takes far more than its ticket forecast', async () => {
    for (let back = 1; back <= 5; back += 1)
      await accepted(now - back * minute, 'winter-sale-offer', '', 100);
    const { outcomes } = await evaluateAt(now);
    expect(outcomes.map((outcome) => outcome.rule)).toContain('over-forecast');
    expect(sent().find(({ rule }) => rule === 'over-forecast')).toBeDefined();
  });

  it('over-forecast takes the launch ticket’s own factor over the configured one', async () => {
    for (let back = 1; back <= 5; back += 1)
      await accepted(now - back * minute, 'winter-sale-offer', '', 100);
    thresholds = { alertOverForecastFactor: 1_000 };
    const { outcomes } = await evaluateAt(now);
    expect(outcomes.map((outcome) => outcome.rule)).not.toContain('over-forecast');
    expect(sent().find(({ rule }) => rule === 'over-forecast')).toBeUndefined();
  });
});

describe('the page', () => {
  const room = () =>
    createOpsRoom({
      db,
      env: parseEnv(OpsEnvSchema, { OPS_TOKEN: token }, 'tests'),
      now: () => now,
      launch: sources(),
    });
  const post = (fields: Record<string, string>, bearer = true) =>
    handleOpsPage(
      new Request('https://ops.example/ops/', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(bearer ? { authorization: `Bearer ${token}` } : {}),
        },
        body: new URLSearchParams(fields),
      }),
      '127.0.0.1',
      room(),
    );
  const page = async (query = '') =>
    (
      await handleOpsPage(
        new Request(`https://ops.example/ops/${query}`, { headers: { authorization: `Bearer ${token}` } }),
        '127.0.0.1',
        room(),
      )
    ).text();
  const paused = async () =>
    (await db.query<{ kind: string; key: string }>('SELECT kind, key FROM lead_pauses')).rows;

  it('shows the forecast chart, rebuilds, outbox and content report; content errors head the panels', async () => {
    report = {
      problems: [
        {
          ...{ severity: 'warning', contentType: 'page', entryId: 'p1', entryName: 'Home', locales: [] },
          ...{ message: 'a button to an unpublished page', pages: ['/'], instead: 'no button' },
        },
        {
          ...{
            severity: 'error',
            contentType: 'consentText',
            entryId: 'c1',
            entryName: 'Consent',
            locales: ['de'],
          },
          ...{ message: 'its privacy page is gone', pages: ['*'], instead: 'no form' },
        },
      ],
    };
    const html = await page();
    expect(html).toContain('Accepted per minute vs forecast: Winter sale');
    expect(html).toContain('id="panel-rebuild"');
    expect(html).toContain('Empty: every accepted lead is in the database.');
    const content = html.indexOf('id="panel-content"');
    expect(content).toBeGreaterThan(0);
    expect(content).toBeLessThan(html.indexOf('id="panel-forecast"'));
    expect(html.indexOf('its privacy page is gone')).toBeLessThan(
      html.indexOf('a button to an unpublished page'),
    );
  });

  it('pauses and resumes a form only when confirmed, and refuses a target the CLI would refuse', async () => {
    const unconfirmed = await post({ action: 'pause', kind: 'form', key: 'winter-sale-offer' });
    expect(unconfirmed.headers.get('location')).toBe('/ops/?unconfirmed=pause');
    expect(await paused()).toEqual([]);
    const invalid = await post({ action: 'pause', kind: 'lane', key: 'fastest', confirm: 'yes' });
    expect(invalid.headers.get('location')).toBe('/ops/?invalid=pause');
    const noSession = await post(
      { action: 'pause', kind: 'form', key: 'winter-sale-offer', confirm: 'yes' },
      false,
    );
    expect(noSession.status).toBe(401);
    expect(await paused()).toEqual([]);

    const done = await post({ action: 'pause', kind: 'form', key: 'winter-sale-offer', confirm: 'yes' });
    expect(done.status).toBe(303);
    const location = done.headers.get('location') ?? '';
    expect(await paused()).toEqual([{ kind: 'form', key: 'winter-sale-offer' }]);
    const after = await page(location.replace('/ops/', ''));
    expect(after).toContain('Done: form winter-sale-offer paused.');
    expect(after).toContain('<strong>form winter-sale-offer</strong> paused since');

    const resumed = await post({ action: 'resume', kind: 'form', key: 'winter-sale-offer', confirm: 'yes' });
    expect(resumed.headers.get('location')).toBe('/ops/?did=resume&kind=form&key=winter-sale-offer');
    expect(await paused()).toEqual([]);
    expect(await page('?did=resume&kind=form&key=%3Cscript%3E')).not.toContain('<script>');
  });
});
