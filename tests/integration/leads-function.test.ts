import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { formConfigsFrom } from '../../src/lib/leads/form-configs.ts';
import { leadKeyFor } from '../../src/lib/queue/lead-id.ts';
import { LEAD_QUEUE_NAME, LEAD_STORE_NAME, SPAM_QUEUE_NAME } from '../../src/lib/queue/lead-stores.ts';
import { queueBlobs } from '../../src/lib/queue/queue-blobs.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';
import {
  blobsContextFor,
  blobsStore,
  startBlobsServer,
  type RunningBlobsServer,
} from '../fixtures/blobs-server.ts';

/**
 * The real lead function (netlify/functions/leads.mts) against a real local Blobs server, with its
 * form rules served over HTTP the way the CDN serves the build's /lead-forms.json.
 */
type LeadFunction = (request: Request, context: { ip: string }) => Promise<Response>;

const rules = formConfigsFrom(
  mapSpace(SpaceExportSchema.parse(JSON.parse(readFileSync('content/space.json', 'utf8')))).pages,
);
let blobs: RunningBlobsServer;
let site: Server;
let origin: string;

beforeAll(async () => {
  blobs = await startBlobsServer();
  site = createServer((request, response) => {
    if (request.url !== '/lead-forms.json') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rules));
  });
  await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => site.close(done));
  await blobs.stop();
});

/** A fresh instance of the function, started with `env` (it parses env once, like a cold start). */
async function coldStart(env: Record<string, string> = {}): Promise<LeadFunction> {
  vi.resetModules();
  for (const name of Object.keys(process.env).filter((key) => key.startsWith('LEADS_')))
    delete process.env[name];
  Object.assign(process.env, { SITE_URL: origin, ...env });
  process.env.NETLIFY_BLOBS_CONTEXT = blobsContextFor(blobs);
  return (await import('../../netlify/functions/leads.mts')).default;
}

const lead = (idempotencyKey: string, email = 'ada@example.com') => ({
  email,
  firstName: 'Ada',
  company: 'Analytical Engines',
  formId: 'demo-request',
  pageSlug: 'home',
  locale: 'en-US',
  consent: true,
  consentVersion: '2026-11',
  idempotencyKey,
  fillMs: 9000,
});
const post = (body: unknown) =>
  new Request(`${origin}/api/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin, 'User-Agent': 'vitest' },
    body: JSON.stringify(body),
  });
const stored = (queue: string, key: string) =>
  queueBlobs(blobsStore(blobs, LEAD_STORE_NAME), queue).readLead(leadKeyFor(key));

describe('netlify/functions/leads.mts', () => {
  let ip = 0;
  const visitor = () => ({ ip: `198.51.100.${++ip}` });
  beforeEach(() => void (ip += 10));

  it('stores an accepted lead durably before answering 202, once per idempotency key', async () => {
    const handler = await coldStart();
    const key = '2b1c6f0e-5d7a-4f3e-9c8b-1a2b3c4d5e6f';
    const first = await handler(post(lead(key)), visitor());
    expect(first.status).toBe(202);
    const { id } = (await first.json()) as { id: string };
    const again = await handler(post(lead(key)), visitor());
    expect([again.status, ((await again.json()) as { id: string }).id]).toEqual([202, id]);
    const record = await stored(LEAD_QUEUE_NAME, key);
    expect(record).toMatchObject({ id, state: 'queued', payload: { fields: { email: 'ada@example.com' } } });
    expect(JSON.stringify(record)).not.toContain('198.51.100');
  });

  it('files a bot-fast submission under spam, with the same 202', async () => {
    const handler = await coldStart();
    const key = '3c2d7f1e-6e8b-4a4f-8d9c-2b3c4d5e6f70';
    const response = await handler(post({ ...lead(key), fillMs: 300 }), visitor());
    expect(response.status).toBe(202);
    expect(await stored(LEAD_QUEUE_NAME, key)).toBeUndefined();
    expect(await stored(SPAM_QUEUE_NAME, key)).toMatchObject({ payload: { spamReason: 'too-fast' } });
  });

  it('rate-limits one client in code, as Netlify does at the edge', async () => {
    const handler = await coldStart({ LEADS_RATE_LIMIT_PER_MINUTE: '2' });
    const client = visitor();
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await handler(post(lead(crypto.randomUUID(), `r${i}@example.com`)), client)).status);
    const limited = await handler(post(lead(crypto.randomUUID())), client);
    expect([...statuses, limited.status]).toEqual([202, 202, 429, 429]);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('closes a form with the kill switch and keeps what was queued', async () => {
    const key = '4d3e8a2f-7f9c-4b5a-9eab-3c4d5e6f7081';
    expect((await (await coldStart())(post(lead(key)), visitor())).status).toBe(202);
    const closed = await coldStart({ LEADS_FORMS_CLOSED: 'demo-request' });
    const response = await closed(post(lead(crypto.randomUUID())), visitor());
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'form_closed' });
    expect(await stored(LEAD_QUEUE_NAME, key)).toMatchObject({ state: 'queued' });
  });

  it('answers 503 within its deadline when the store does not answer, and the retry lands', async () => {
    const handler = await coldStart({ LEADS_ENQUEUE_TIMEOUT_MS: '300' });
    const key = '5e4f9b3a-8a0d-4c6b-8fbc-4d5e6f708192';
    const { token, siteID } = blobs;
    // A Blobs endpoint that accepts connections and never answers: the worst kind of outage.
    const silent = createServer(() => {});
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const dead = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const live = process.env.NETLIFY_BLOBS_CONTEXT;
    process.env.NETLIFY_BLOBS_CONTEXT = blobsContextFor({ url: dead, siteID, token });
    const started = performance.now();
    const refused = await handler(post(lead(key)), visitor());
    const waited = performance.now() - started;
    silent.closeAllConnections();
    silent.close();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(await refused.text()).not.toMatch(/127\.0\.0\.1|ECONN|token/);
    expect(waited).toBeLessThan(3000);
    process.env.NETLIFY_BLOBS_CONTEXT = live;
    const retried = await handler(post(lead(key)), visitor());
    expect(retried.status).toBe(202);
    expect(await stored(LEAD_QUEUE_NAME, key)).toMatchObject({ state: 'queued' });
  });
});
