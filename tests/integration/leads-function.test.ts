import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { emulatedDatabase, type TestDatabase } from '../fixtures/databases.ts';
import { startTcpProxy, type TcpProxy } from '../fixtures/tcp-proxy.ts';
import { validLead } from '../fixtures/valid-lead.ts';

/**
 * The real lead function (netlify/functions/leads.mts) against Netlify Database's local emulation,
 * reached through a loopback proxy that can be told to stop answering, with the form rules the
 * build bundles with it (written from content/ by the test setup before any build).
 */
type LeadFunction = (request: Request, context: { ip: string }) => Promise<Response>;

const origin = 'https://www.floodgate.example';
let db: TestDatabase;
let proxy: TcpProxy;
/** A server that would hand out invented form rules, counting every request it gets. */
let attacker: Server;
let attackerOrigin: string;
const attackerHits: string[] = [];

beforeAll(async () => {
  db = await emulatedDatabase();
  proxy = await startTcpProxy(db.url!);
  attacker = createServer((request, response) => {
    attackerHits.push(request.url ?? '');
    const invented = {
      'invented-form': { fields: ['email'], requiredFields: ['email'], pageSlugs: ['home'] },
    };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(invented));
  });
  await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => attacker.close(done));
  await proxy.close();
  await db.close();
});

/** A fresh instance of the function, started with `env` (it parses env once, like a cold start). */
async function coldStart(env: Record<string, string> = {}): Promise<LeadFunction> {
  vi.resetModules();
  for (const name of Object.keys(process.env).filter((key) => key.startsWith('LEADS_')))
    delete process.env[name];
  Object.assign(process.env, { SITE_URL: origin, ...env });
  process.env.NETLIFY_DB_URL = proxy.url;
  return (await import('../../netlify/functions/leads.mts')).default;
}

const post = (body: unknown, url = `${origin}/api/leads`, headers: Record<string, string> = {}) =>
  new Request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin, 'User-Agent': 'vitest', ...headers },
    body: JSON.stringify(body),
  });
/** The row stored under an idempotency key, if any (there is at most one: a unique constraint). */
const stored = async (key: string) =>
  (await db.query('SELECT id, state, payload, spam FROM leads WHERE idempotency_key = $1', [key])).rows[0];

describe('netlify/functions/leads.mts', () => {
  let ip = 0;
  const visitor = () => ({ ip: `198.51.100.${++ip}` });
  beforeEach(() => void (ip += 10));

  it('stores an accepted lead durably before answering 202, once per idempotency key', async () => {
    const handler = await coldStart();
    const key = '2b1c6f0e-5d7a-4f3e-9c8b-1a2b3c4d5e6f';
    const first = await handler(post(validLead(key)), visitor());
    expect(first.status).toBe(202);
    const { id } = (await first.json()) as { id: string };
    const again = await handler(post(validLead(key)), visitor());
    expect([again.status, ((await again.json()) as { id: string }).id]).toEqual([202, id]);
    const record = await stored(key);
    expect(record).toMatchObject({ id, state: 'queued', payload: { fields: { email: 'ada@example.com' } } });
    expect(JSON.stringify(record)).not.toContain('198.51.100');
  });

  it('refuses the same key with other fields (409) and keeps the first submission', async () => {
    const handler = await coldStart();
    const key = '8b7c2e6d-1d3a-4f9e-8c2f-708192a3b4c5';
    expect((await handler(post(validLead(key)), visitor())).status).toBe(202);
    const changed = await handler(post(validLead(key, 'other@example.com')), visitor());
    expect(changed.status).toBe(409);
    expect(await changed.json()).toMatchObject({ error: 'idempotency_conflict' });
    expect(await stored(key)).toMatchObject({ payload: { fields: { email: 'ada@example.com' } } });
  });

  it('judges by the bundled rules whatever Host the first request on a cold instance names', async () => {
    const handler = await coldStart();
    // What the warm host and Netlify made of a forged Host: the request's URL is the attacker's.
    const forged = post(validLead(crypto.randomUUID(), 'forged@example.com'), `${attackerOrigin}/api/leads`, {
      Host: new URL(attackerOrigin).host,
      'X-Forwarded-Host': new URL(attackerOrigin).host,
    });
    expect((await handler(forged, visitor())).status).toBe(202);
    const key = '6f5a0c4b-9b1e-4d7c-8a0d-5e6f708192a3';
    expect((await handler(post(validLead(key)), visitor())).status).toBe(202);
    expect(await stored(key)).toMatchObject({ state: 'queued' });
    const invented = await handler(
      post({ ...validLead(crypto.randomUUID()), formId: 'invented-form' }),
      visitor(),
    );
    expect(invented.status).toBe(400);
    expect(await invented.json()).toMatchObject({
      errors: [{ field: 'formId', message: 'this form is not open for sign-ups' }],
    });
    expect(attackerHits).toEqual([]);
  });

  it('takes a field defined only in content: validates it and stores it under its id', async () => {
    const handler = await coldStart();
    const webinar = (idempotencyKey: string, role?: unknown) => ({
      ...validLead(idempotencyKey, 'grace@example.com'),
      lastName: 'Hopper',
      formId: 'webinar-2026-12',
      pageSlug: 'webinar-feedback-to-roadmap',
      locale: 'de-DE',
      // The webinar form's own German consent text, as its page posts it.
      consentVersion: 'form-webinar-registration:de-DE:d3d895c8c34076cb',
      ...(role === undefined ? {} : { role }),
    });
    const missing = await handler(post(webinar(crypto.randomUUID())), visitor());
    expect([missing.status, ((await missing.json()) as { errors: unknown }).errors]).toEqual([
      400,
      [{ field: 'role', message: 'bitte eine der Optionen wählen' }],
    ]);
    const invented = await handler(post(webinar(crypto.randomUUID(), 'astronaut')), visitor());
    expect(invented.status).toBe(400);
    const key = '7a6b1d5c-0c2f-4e8d-9b1e-6f708192a3b4';
    expect((await handler(post(webinar(key, 'leadership')), visitor())).status).toBe(202);
    expect(await stored(key)).toMatchObject({
      payload: { formId: 'webinar-2026-12', fields: { email: 'grace@example.com', role: 'leadership' } },
    });
  });

  it('files a bot-fast submission under spam, with the same 202', async () => {
    const handler = await coldStart();
    const key = '3c2d7f1e-6e8b-4a4f-8d9c-2b3c4d5e6f70';
    const response = await handler(post({ ...validLead(key), fillMs: 120 }), visitor());
    expect(response.status).toBe(202);
    expect(await stored(key)).toMatchObject({
      state: 'spam',
      spam: { score: 60, threshold: 50, signals: ['impossible-timing'] },
    });
  });

  it('rate-limits one client in code, as Netlify does at the edge', async () => {
    const handler = await coldStart({ LEADS_RATE_LIMIT_PER_MINUTE: '2' });
    const client = visitor();
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await handler(post(validLead(crypto.randomUUID(), `r${i}@example.com`)), client)).status,
      );
    const limited = await handler(post(validLead(crypto.randomUUID())), client);
    expect([...statuses, limited.status]).toEqual([202, 202, 429, 429]);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('closes a form with the kill switch and keeps what was queued', async () => {
    const key = '4d3e8a2f-7f9c-4b5a-9eab-3c4d5e6f7081';
    expect((await (await coldStart())(post(validLead(key)), visitor())).status).toBe(202);
    const closed = await coldStart({ LEADS_FORMS_CLOSED: 'demo-request' });
    const response = await closed(post(validLead(crypto.randomUUID())), visitor());
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'form_closed' });
    expect(await stored(key)).toMatchObject({ state: 'queued' });
  });

  it('answers 503 when the database stops answering, without internals, and the retry lands once', async () => {
    const handler = await coldStart({ LEADS_ENQUEUE_TIMEOUT_MS: '300' });
    const key = '5e4f9b3a-8a0d-4c6b-8fbc-4d5e6f708192';
    proxy.goSilent();
    const refused = await handler(post(validLead(key)), visitor());
    proxy.resume();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(await refused.text()).not.toMatch(/127\.0\.0\.1|ECONN|postgres|timeout/i);
    const retried = await handler(post(validLead(key)), visitor());
    expect(retried.status).toBe(202);
    const again = await handler(post(validLead(key)), visitor());
    const idOf = async (response: Response) => ((await response.json()) as { id: string }).id;
    expect(await idOf(again)).toBe(await idOf(retried));
    expect(await stored(key)).toMatchObject({ state: 'queued' });
  });
});
