import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invokeWarmFunction, type WarmFunction } from '../../scripts/lib/warm-functions.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { realPostgresDatabase, type TestDatabase } from '../fixtures/databases.ts';

/**
 * netlify/functions/ops.mts and ops-metrics.mts as the local runtime serves them (warm, over real
 * HTTP on loopback), on a real PostgreSQL database.
 */
const token = 'ops-token-for-tests-0123456789abcdef';
let db: TestDatabase;
let server: Server;
let origin: string;

async function serveFunctions(env: Record<string, string | undefined>) {
  vi.resetModules();
  Object.assign(process.env, env);
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name];
  const page = await import('../../netlify/functions/ops.mts');
  const metrics = await import('../../netlify/functions/ops-metrics.mts');
  const functions: WarmFunction[] = [
    {
      name: 'ops',
      patterns: [new URLPattern({ pathname: '/ops/*' })],
      handler: page.default as WarmFunction['handler'],
    },
    {
      name: 'ops-metrics',
      patterns: [new URLPattern({ pathname: '/api/ops/metrics' })],
      handler: metrics.default,
    },
  ];
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const fn = functions.find((candidate) => candidate.patterns.some((pattern) => pattern.test(url)));
    if (!fn) return void response.writeHead(404).end();
    void invokeWarmFunction(fn, request, response, {});
  });
}

beforeAll(async () => {
  db = await realPostgresDatabase({ max: 4 });
  server = await serveFunctions({ OPS_TOKEN: token, NETLIFY_DB_URL: db.url, NETLIFY_DB_DRIVER: 'server' });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((done) => server.close(done));
  await db.close();
});

const signIn = (given: string) =>
  fetch(`${origin}/ops/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': given },
    body: new URLSearchParams({ action: 'sign-in', token: given }),
  });
const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

describe('the ops page and metrics endpoint', () => {
  it('without the token: 401 with the sign-in form and no figures; the JSON endpoint 401 with an error', async () => {
    const page = await fetch(`${origin}/ops/`);
    const html = await page.text();
    expect(page.status).toBe(401);
    expect(html).toContain('name="token"');
    expect(html).not.toContain('Queued');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const json = await fetch(`${origin}/api/ops/metrics`);
    expect(json.status).toBe(401);
    expect(await json.json()).toEqual({ error: expect.stringContaining('Bearer') });
    const forged = await fetch(`${origin}/api/ops/metrics`, {
      headers: { cookie: `floodgate_ops=99999999999999.${'0'.repeat(64)}` },
    });
    expect(forged.status).toBe(401);
  });

  it('signing in sets a signed, HttpOnly, Secure, SameSite=Strict cookie that opens the page', async () => {
    expect((await signIn('not-the-token')).status).toBe(401);
    const signedIn = await signIn(token);
    expect(signedIn.status).toBe(303);
    const setCookie = signedIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^floodgate_ops=\d+\.[0-9a-f]{64}; Path=\/; Max-Age=43200; HttpOnly; Secure; SameSite=Strict$/,
    );
    const page = await fetch(`${origin}/ops/`, { headers: { cookie: cookieOf(signedIn) } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('id="chart-leads"');
    expect(html).toContain('id="chart-queue"');
    expect(html).toContain('Queue is clear');
    expect(html).toContain('<script src="/ops/ops.js" defer></script>');
    const script = await fetch(`${origin}/ops/ops.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
  });

  it('a bearer token reads the figures as JSON', async () => {
    const answer = await fetch(`${origin}/api/ops/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      depth: 0,
      oldestQueuedSeconds: null,
      deadLetters: 0,
      breaker: { state: 'closed' },
    });
    expect(typeof body.clearsAt).toBe('string');
    expect(body.perMinute).toHaveLength(60);
    // The launch panels' facts: the bundled tickets and report (written by the test setup or a build).
    expect(body.launch).toMatchObject({
      forecast: { bundled: true },
      rebuild: { open: null, lastCall: null, failing: false },
      content: { problems: expect.any(Array) },
      pauses: [],
    });
  });

  it('sign-in attempts are limited per client: the sixth in a minute is refused with 429', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await signIn('wrong-token')).status);
    // Two attempts came from this address in the sign-in test above: 5 a minute, then 429.
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    expect((await signIn(token)).status).toBe(429);
  });

  it('redrive needs the confirmation box, then moves every dead letter back and says how many', async () => {
    const queue = createPostgresLeadQueue({ db, now: Date.now, random: Math.random });
    await queue.enqueue({
      idempotencyKey: 'k',
      fingerprint: 'f',
      receivedAt: Date.now(),
      payload: { formId: 'demo' },
    });
    const [lead] = await queue.claim(1, 30_000);
    if (!lead) throw new Error('a lead expected');
    await queue.deadLetter(lead, { at: Date.now(), status: 400 }, 'refused');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' };
    const post = (fields: Record<string, string>) =>
      fetch(`${origin}/ops/`, {
        method: 'POST',
        redirect: 'manual',
        headers: auth,
        body: new URLSearchParams(fields),
      });
    const unconfirmed = await post({ action: 'redrive-dead' });
    expect(unconfirmed.headers.get('location')).toBe('/ops/?unconfirmed=redrive-dead');
    expect((await queue.status(Date.now())).deadLetters).toBe(1);
    const confirmed = await post({ action: 'redrive-dead', confirm: 'yes' });
    expect(confirmed.headers.get('location')).toBe('/ops/?did=redrive-dead&n=1');
    expect((await queue.status(Date.now())).deadLetters).toBe(0);
  });

  it('with no OPS_TOKEN the page and the endpoint are off: 404', async () => {
    const off = await serveFunctions({ OPS_TOKEN: undefined });
    await new Promise<void>((done) => off.listen(0, '127.0.0.1', done));
    const at = `http://127.0.0.1:${(off.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${at}/ops/`)).status).toBe(404);
      expect(
        (await fetch(`${at}/api/ops/metrics`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(404);
    } finally {
      await new Promise((done) => off.close(done));
      process.env.OPS_TOKEN = token;
    }
  });
});
