import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatedDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { startFakeContentful, type FakeContentful } from '../fixtures/fake-cda/index.ts';
import { startFunctionServer, type FunctionServer } from '../fixtures/fake-cda/function-server.ts';
import { buildSite } from '../fixtures/fake-cda/site-build.ts';
import { bundleFunctions, LAMBDA_NODE_FLAGS, type BundledFunction } from '../fixtures/lambda-bundles.ts';
import { TEST_WEBHOOK_SECRET } from '../fixtures/webhook-requests.ts';
import { sitePageCsp } from '../../src/lib/http/security-headers.ts';

/**
 * Every function as Netlify ships and starts it: the `netlify/functions` bundles made by Netlify's
 * own bundler, and the SSR preview function the build writes, each loaded in a child Node under
 * Lambda's module flags and answering one real HTTP request. Plain Node 24 accepts imports that
 * Lambda's flags refuse, so a unit test importing the source proves nothing about this.
 */
let work: string;
let cms: FakeContentful;
let db: TestDatabase;
let bundles: BundledFunction[];
const servers: FunctionServer[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'floodgate-lambda-'));
  cms = await startFakeContentful();
  db = await emulatedDatabase();
  const [built, bundled] = await Promise.all([
    buildSite({
      env: cms.env(),
      outDir: join(work, 'dist'),
      cacheDir: join(work, 'cache'),
      functionDir: join(work, 'ssr'),
    }),
    bundleFunctions(join(work, 'functions')),
  ]);
  if (built.status !== 0) throw new Error(`the build failed:\n${built.output}`);
  bundles = bundled;
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await db?.close();
  await cms?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** What a deployed site would set, pointed at loopback fakes. */
const functionEnv = () => ({
  NETLIFY_DB_URL: db.url!,
  CONTENTFUL_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
  NETLIFY_BUILD_HOOK_URL: 'http://127.0.0.1:9/build_hooks/unused',
  LEADS_HEALTH_TOKEN: 'health-token-0123456789abcdef',
  SITE_URL: 'http://127.0.0.1:9',
});

async function serveBundle(name: string): Promise<FunctionServer> {
  const bundle = bundles.find((candidate) => candidate.name === name);
  if (!bundle) throw new Error(`no bundle named ${name}: ${bundles.map((b) => b.name).join(', ')}`);
  const server = await startFunctionServer(bundle.directory, functionEnv(), {
    module: bundle.module,
    nodeFlags: LAMBDA_NODE_FLAGS,
  });
  servers.push(server);
  return server;
}

describe('functions bundled by the deploy, under Lambda’s Node flags', () => {
  it('bundles every function in netlify/functions', () => {
    expect(bundles.map((bundle) => bundle.name).sort()).toEqual([
      'confirm-lead',
      'contentful-webhook',
      'deliver-leads',
      'deliver-leads-background',
      'leads',
      'leads-health',
      'move-lead-outbox',
      'ops',
      'ops-alerts',
      'ops-metrics',
      'privacy-upkeep',
      'rebuild-windows',
      'rebuild-windows-background',
    ]);
  });

  it.each([
    ['leads', 405, 'GET', '/api/leads', undefined],
    ['leads-health', 401, 'GET', '/api/leads/health', undefined],
    // A GET never confirms (mail scanners fetch links): only the confirmation page's POST does.
    ['confirm-lead', 405, 'GET', '/api/leads/confirm', undefined],
    ['contentful-webhook', 401, 'POST', '/api/contentful-webhook', '{}'],
    ['deliver-leads-background', 401, 'POST', '/.netlify/functions/deliver-leads-background', undefined],
    ['rebuild-windows-background', 401, 'POST', '/.netlify/functions/rebuild-windows-background', undefined],
    // Scheduled functions: Netlify posts `next_run`. No CRM is configured, so the worker says so.
    ['deliver-leads', 200, 'POST', '/', '{"next_run":"2026-12-01T10:00:00Z"}'],
    ['rebuild-windows', 204, 'POST', '/', '{"next_run":"2026-12-01T10:00:00Z"}'],
    // No OPS_TOKEN: the control room is off. The alert round runs (no webhook: nothing sent).
    ['ops', 404, 'GET', '/ops/', undefined],
    ['ops-metrics', 404, 'GET', '/api/ops/metrics', undefined],
    ['ops-alerts', 200, 'POST', '/', '{"next_run":"2026-12-01T10:00:00Z"}'],
    // No Blobs outside Netlify: the mover says it could not look, and the next run tries again.
    ['move-lead-outbox', 503, 'POST', '/', '{"next_run":"2026-12-01T10:00:00Z"}'],
    ['privacy-upkeep', 200, 'POST', '/', '{"next_run":"2026-12-01T10:00:00Z"}'],
  ] as const)('%s loads and answers %i to %s %s', async (name, status, method, path, body) => {
    const server = await serveBundle(name);
    const response = await fetch(`${server.url}${path}`, { method, body });
    expect(response.status, server.log()).toBe(status);
    // netlify.toml's headers never reach a function's answer: each carries its own.
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; frame-ancestors 'none'/,
    );
    await response.body?.cancel();
  });

  it('answers 503 without internals when a function meets a broken configuration', async () => {
    for (const [name, path, missing, extra] of [
      ['leads', '/api/leads', 'LEADS_IP_HASH_SECRET', { CONTEXT: 'production' }],
      ['leads', '/api/leads', 'NETLIFY_DB_URL', {}],
      ['leads-health', '/api/leads/health', 'NETLIFY_DB_URL', {}],
    ] as const) {
      const bundle = bundles.find((candidate) => candidate.name === name)!;
      const env: Record<string, string> = { ...functionEnv(), ...extra };
      delete env[missing];
      const server = await startFunctionServer(bundle.directory, env, {
        module: bundle.module,
        nodeFlags: LAMBDA_NODE_FLAGS,
      });
      servers.push(server);
      const response = await fetch(`${server.url}${path}`, { method: 'POST', body: '{}' });
      const body = await response.text();
      expect(response.status, server.log()).toBe(503);
      expect(body).toBe('{"error":"unavailable","message":"This service is unavailable just now."}');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(server.log()).toContain(missing);
    }
  });

  it('answers a no-JS visitor with the site’s error page and their post to resend, JSON callers with JSON', async () => {
    const bundle = bundles.find((candidate) => candidate.name === 'leads')!;
    const env: Record<string, string> = { ...functionEnv(), CONTEXT: 'production' };
    delete env.LEADS_IP_HASH_SECRET;
    const server = await startFunctionServer(bundle.directory, env, {
      module: bundle.module,
      nodeFlags: LAMBDA_NODE_FLAGS,
    });
    servers.push(server);
    const form = new URLSearchParams({
      formId: 'demo-request',
      pageSlug: 'home',
      locale: 'de-DE',
      email: 'ada@example.com',
      firstName: 'Ada',
    });
    const page = await fetch(`${server.url}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,*/*;q=0.8' },
      body: form.toString(),
    });
    const html = await page.text();
    expect(page.status, server.log()).toBe(503);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('retry-after')).toBe('60');
    // The build's German template (site stylesheet, header), the German message, the form again, filled in.
    expect(html).toContain('<html lang="de"');
    expect(html).toContain('Wir konnten Ihre Angaben gerade nicht speichern');
    expect(html).toMatch(/<form class="lead-form" method="post" action="\/api\/leads">/);
    expect(html).toContain('value="ada@example.com"');
    expect(html).not.toMatch(/LEADS_IP_HASH_SECRET|\/work\/|at .*\.m?js:\d+/);
    expect(page.headers.get('content-security-policy')).toBe(sitePageCsp("'none'"));

    const json = await fetch(`${server.url}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(Object.fromEntries(form)),
    });
    expect(json.status).toBe(503);
    expect(await json.text()).toBe(
      '{"error":"unavailable","message":"This service is unavailable just now."}',
    );
  });

  it('sends a JSON answer with a policy that allows nothing, unframeable, uncached', async () => {
    const server = await serveBundle('leads');
    const response = await fetch(`${server.url}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:9' },
      body: '{"formId":',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.fromEntries(response.headers)).toMatchObject(jsonAnswerHeaders);
  });

  it('sends the no-JavaScript error page with the site page policy (its stylesheet, its form), unframeable', async () => {
    const server = await serveBundle('leads');
    const response = await fetch(`${server.url}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:9' },
      body: `formId=x&message=${'a'.repeat(20_000)}`,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      ...jsonAnswerHeaders,
      'content-security-policy': sitePageCsp("'none'"),
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
  });
});

const jsonAnswerHeaders = {
  'content-security-policy':
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

describe('the SSR preview function, under Lambda’s Node flags', () => {
  let preview: FunctionServer;
  beforeAll(async () => {
    preview = await startFunctionServer(join(work, 'ssr'), cms.env(), { nodeFlags: LAMBDA_NODE_FLAGS });
    servers.push(preview);
  });

  it('answers 401 without the secret, still frameable by Contentful only', async () => {
    const response = await fetch(`${preview.url}/preview/winter-sale/`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors https://app.contentful.com https://app.eu.contentful.com; base-uri 'none'; form-action 'none'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    await response.body?.cancel();
  });

  it('renders the page with rich text with the secret, against the fake Contentful', async () => {
    const secret = encodeURIComponent(cms.previewSecret);
    const response = await fetch(`${preview.url}/preview/winter-sale/?secret=${secret}`);
    const body = await response.text();
    expect(response.status, preview.log()).toBe(200);
    expect(body).toContain('Draft preview');
    expect(preview.log()).not.toMatch(/CommonJS|SyntaxError/);
    // The site's page policy (its stylesheets and images load), framed only by Contentful's app.
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-security-policy': sitePageCsp('https://app.contentful.com https://app.eu.contentful.com'),
      'x-content-type-options': 'nosniff',
      'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
      'referrer-policy': 'no-referrer',
      'cache-control': 'private, no-store, max-age=0',
    });
    expect(response.headers.has('x-frame-options')).toBe(false);
    // Everything the page uses is allowed by that policy: same-origin scripts, no inline code or style.
    // (JSON-LD is data, not script: CSP does not apply to it.)
    expect(body).not.toMatch(
      /<script(?![^>]*(\bsrc="\/|type="application\/ld\+json"))|\sstyle="|\son[a-z]+="/,
    );
  });
});
