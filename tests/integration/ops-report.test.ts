import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invokeWarmFunction, type WarmFunction } from '../../scripts/lib/warm-functions.ts';
import { OPS_REPORT_PATHS } from '../../src/lib/ops/handle-ops-report.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';

/**
 * The post-campaign report at /ops/report/ and the live forms without a launch ticket, from
 * netlify/functions/ops.mts and ops-metrics.mts as the local runtime serves them (warm, over real
 * HTTP on loopback), on a real PostgreSQL database and the launch tickets the build bundles
 * (written from the embedded content by tests/setup/ops-bundle.ts before any build).
 */
const token = 'ops-token-for-report-tests-0123456789';
const bearer = { authorization: `Bearer ${token}` };
let db: TestDatabase;
let server: Server;
let origin: string;
// Leads of the winter sale's form in a window given explicitly, so no figure depends on today's date.
const t0 = Date.UTC(2026, 11, 7, 18, 0, 0);
const window = 'from=2026-12-07T18:00Z&to=2026-12-07T19:00Z';

beforeAll(async () => {
  db = await realPostgresDatabase({ max: 4 });
  vi.resetModules();
  Object.assign(process.env, { OPS_TOKEN: token, NETLIFY_DB_URL: db.url, NETLIFY_DB_DRIVER: 'server' });
  const page = await import('../../netlify/functions/ops.mts');
  const metrics = await import('../../netlify/functions/ops-metrics.mts');
  const paths = (page.config.path ?? []) as string[];
  // Every path the report handler answers is routed to the function (its config lists them literally).
  expect(paths).toEqual(expect.arrayContaining(OPS_REPORT_PATHS));
  const functions: WarmFunction[] = [
    {
      name: 'ops',
      patterns: paths.map((pathname) => new URLPattern({ pathname })),
      handler: page.default as WarmFunction['handler'],
    },
    {
      name: 'ops-metrics',
      patterns: [new URLPattern({ pathname: '/api/ops/metrics' })],
      handler: metrics.default,
    },
  ];
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const fn = functions.find((candidate) => candidate.patterns.some((pattern) => pattern.test(url)));
    if (!fn) return void response.writeHead(404).end();
    void invokeWarmFunction(fn, request, response, {});
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const queue = createPostgresLeadQueue({ db, now: () => t0, random: Math.random });
  for (let index = 0; index < 7; index += 1)
    await queue.enqueue({
      idempotencyKey: `ws-${index}`,
      fingerprint: `f-ws-${index}`,
      receivedAt: t0 + index * 20_000,
      payload: {
        formId: 'winter-sale-offer',
        locale: 'en-US',
        fields: { email: `person-${index}@example.com` },
        utm: { utm_source: 'newsletter', utm_campaign: 'winter-sale-2026' },
      },
      flow: { lane: 'normal', group: 'winter-sale-2026', formId: 'winter-sale-offer' },
    });
}, 60_000);
afterAll(async () => {
  await new Promise((done) => server.close(done));
  await db.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${origin}${path}`, { headers });

describe('the post-campaign report on /ops/', () => {
  it('answers 401 without a session or token, in each format, and never shows a figure', async () => {
    const html = await get(`/ops/report/?${window}`);
    expect(html.status).toBe(401);
    const body = await html.text();
    expect(body).toContain('name="token"');
    expect(body).not.toContain('winter-sale-2026');
    expect(html.headers.get('cache-control')).toBe('no-store');
    expect(html.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    const json = await get('/ops/report.json');
    expect(json.status).toBe(401);
    expect(await json.json()).toEqual({ error: expect.stringContaining('Bearer') });
    expect((await get('/ops/report.csv')).status).toBe(401);
    expect((await get('/ops/report.json', { authorization: 'Bearer not-the-token' })).status).toBe(401);
  });

  it('JSON: the figures campaign:report gives, for the campaign asked for', async () => {
    const answer = await get(`/ops/report.json?campaign=winter-sale-2026&${window}`, bearer);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const report = (await answer.json()) as { campaigns: Record<string, unknown>[] };
    expect(report.campaigns).toHaveLength(1);
    expect(report.campaigns[0]).toMatchObject({
      key: 'winter-sale-2026',
      accepted: 7,
      peakPerMinute: 3,
      window: { from: '2026-12-07T18:00:00.000Z', to: '2026-12-07T19:00:00.000Z' },
      timeToCrm: { p50Seconds: null, p95Seconds: null, maxSeconds: null },
    });
    expect(typeof report.campaigns[0]?.forecastPerMinute).toBe('number');
    // Without a campaign: every ticket, plus the leads outside any.
    const all = (await (await get(`/ops/report.json?${window}`, bearer)).json()) as typeof report;
    expect(all.campaigns.map((outcome) => outcome.key)).toEqual(
      expect.arrayContaining(['winter-sale-2026', '(no campaign)']),
    );
    expect(JSON.stringify(all)).not.toContain('@example.com');
  });

  it('CSV for spreadsheets and HTML with the CLI report’s charts, its assets served under the CSP', async () => {
    const csv = await get(`/ops/report.csv?campaign=winter-sale-2026&${window}`, bearer);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows[0]).toMatch(/^campaign,from,to,accepted,/);
    expect(rows[1]).toMatch(/^winter-sale-2026,2026-12-07T18:00:00.000Z,2026-12-07T19:00:00.000Z,7,/);
    const page = await get(`/ops/report/?campaign=winter-sale-2026&${window}`, bearer);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    const html = await page.text();
    expect(html).toContain('Winter');
    expect(html).toContain('data-chart="intake-0"');
    expect(html).toContain('<script src="/ops/report/chart.js"></script>');
    expect(html).not.toMatch(/<script>|<style>/);
    expect(html).toContain(
      'href="/ops/report.csv?campaign=winter-sale-2026&amp;from=2026-12-07T18%3A00%3A00.000Z',
    );
    const chartJs = await get('/ops/report/chart.js');
    expect(chartJs.headers.get('content-type')).toContain('text/javascript');
    expect(await chartJs.text()).toContain('Chart');
    expect((await get('/ops/report/report.css')).status).toBe(200);
  });

  it('a bad query parameter is refused with 400 naming it', async () => {
    const bad = await get('/ops/report.json?from=yesterday', bearer);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringMatching(/^from: give a date and time/) });
    const reversed = await get('/ops/report.json?from=2026-12-08T00:00Z&to=2026-12-07T00:00Z', bearer);
    expect(await reversed.json()).toEqual({ error: 'from: must be before to' });
    const unknown = await get('/ops/report/?campaign=no-such-campaign', bearer);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('campaign: no campaign &quot;no-such-campaign&quot;');
    const hostile = await get('/ops/report.csv?campaign=%3Cscript%3E', bearer);
    expect(hostile.status).toBe(400);
    expect(await hostile.text()).toMatch(/^campaign: /);
  });

  it('/ops/ links the report of each ticket and lists the live forms without one; the JSON carries them', async () => {
    const page = await get('/ops/', bearer);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('href="/ops/report/?campaign=winter-sale-2026"');
    expect(html).toContain('id="panel-untracked"');
    // The embedded newsletter sign-up is on a page no launch ticket covers, whatever the date.
    expect(html).toMatch(/<li class="bad"><strong>newsletter<\/strong> on page newsletter/);
    expect(html).toContain('Add a launch ticket (a Campaign entry) in Contentful');
    const metrics = (await (await get('/api/ops/metrics', bearer)).json()) as {
      untrackedForms: { bundled: boolean; forms: unknown[] };
    };
    expect(metrics.untrackedForms.bundled).toBe(true);
    expect(metrics.untrackedForms.forms).toContainEqual({ formId: 'newsletter', pageSlugs: ['newsletter'] });
  });
});
