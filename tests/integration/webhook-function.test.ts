import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKGROUND_CLOSER_PATH } from '../../src/lib/rebuild/closer-trigger.ts';
import { emulatedDatabase, type TestDatabase } from '../fixtures/databases.ts';
import {
  startFunctionSite,
  waitUntilContext,
  type FunctionHandler,
  type FunctionSite,
} from '../fixtures/rebuild-function-site.ts';
import { startRecordingServer, type RecordingServer } from '../fixtures/recording-server.ts';
import { startBuildHookReceiver, type BuildHookReceiver } from '../fixtures/rebuild-hook-receiver.ts';
import {
  TEST_WEBHOOK_SECRET,
  deletedEntryPayload,
  entryPayload,
  signedWebhook,
} from '../fixtures/webhook-requests.ts';

let db: TestDatabase;
let hook: BuildHookReceiver;
let site: FunctionSite;
let stranger: RecordingServer;
let webhook: FunctionHandler;
let background: (request: Request) => Promise<Response>;
let scheduled: () => Promise<Response>;
const savedEnv = { ...process.env };
const pendingWork: Array<Promise<unknown>> = [];
const context = waitUntilContext(pendingWork);

// Starting PGlite (the emulation's engine) takes seconds on a busy machine: a minute for set-up.
beforeAll(async () => {
  // Netlify's local emulation over TCP, reached by the functions through NETLIFY_DB_URL as on `npm start`.
  [db, hook] = await Promise.all([emulatedDatabase(), startBuildHookReceiver()]);
  // The webhook is called directly; the site serves the background closer over HTTP (for windows too
  // long for the webhook's own invocation). It starts first: its address is the configured SITE_URL.
  site = await startFunctionSite({
    webhook: (request, context) => webhook(request, context),
    background: (request) => background(request),
  });
  stranger = await startRecordingServer();
  Object.assign(process.env, {
    SITE_URL: site.url,
    CONTENTFUL_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    NETLIFY_BUILD_HOOK_URL: hook.url,
    NETLIFY_BUILD_HOOK_BRANCH: 'main',
    // One second keeps the real background closer's wait short.
    REBUILD_WINDOW_SECONDS: '1',
    NETLIFY_DB_URL: db.url,
  });
  webhook = (await import('../../netlify/functions/contentful-webhook.mts')).default;
  background = (await import('../../netlify/functions/rebuild-windows-background.mts')).default;
  scheduled = (await import('../../netlify/functions/rebuild-windows.mts')).default;
}, 60_000);

afterAll(async () => {
  process.env = savedEnv;
  await site.close();
  await stranger.close();
  await hook.close();
  await db.close();
});

const webhookUrl = () => `${site.url}/api/contentful-webhook`;
const send = (options: { topic?: string; payload: unknown; signedAt?: number }) =>
  webhook(signedWebhook({ url: webhookUrl(), signedAt: Date.now(), ...options }), context);

describe('netlify/functions/contentful-webhook.mts', () => {
  it('answers only POST', async () => {
    const response = await webhook(new Request(webhookUrl()), context);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('refuses an unsigned request and a stale one with 401, naming the header', async () => {
    const unsigned = await webhook(
      new Request(webhookUrl(), { method: 'POST', body: JSON.stringify(entryPayload('p', 'landingPage')) }),
      context,
    );
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ error: 'unauthorized', field: 'x-contentful-signature' });
    const stale = await send({
      payload: entryPayload('p', 'landingPage'),
      signedAt: Date.now() - 5 * 60_000,
    });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ field: 'x-contentful-timestamp' });
  });

  it('ignores topics and content types that do not change the site with 204 and a reason', async () => {
    const saved = await send({
      topic: 'ContentManagement.Entry.save',
      payload: entryPayload('p', 'landingPage'),
    });
    expect(saved.status).toBe(204);
    expect(saved.headers.get('x-floodgate-ignored')).toMatch(
      /topic ContentManagement.Entry.save does not change/,
    );
    const blog = await send({ payload: entryPayload('b', 'blogPost') });
    expect(blog.status).toBe(204);
    expect(blog.headers.get('x-floodgate-ignored')).toBe('content type blogPost is not used by the site');
  });

  it('says which field of a malformed webhook is wrong', async () => {
    const badTopic = await send({ topic: 'publish', payload: entryPayload('p', 'landingPage') });
    expect(badTopic.status).toBe(400);
    expect(await badTopic.json()).toMatchObject({ error: 'invalid_topic', field: 'x-contentful-topic' });
    const badBody = await send({ payload: { sys: { type: 'Entry' } } });
    expect(badBody.status).toBe(400);
    expect(await badBody.json()).toMatchObject({ error: 'invalid_payload', field: 'sys.id' });
  });

  it('records a publish, closes its window in the same invocation, and the build hook is called once', async () => {
    const published = await send({
      payload: entryPayload('page-sale', 'landingPage', { title: 'Winter sale' }),
    });
    expect(published.status).toBe(202);
    expect(await published.json()).toMatchObject({ accepted: true, window: { opened: true } });
    const unpublished = await send({
      topic: 'ContentManagement.Entry.unpublish',
      payload: deletedEntryPayload('faq-old', 'faqItem'),
    });
    expect(await unpublished.json()).toMatchObject({ window: { opened: false } });

    // A 1 s window fits the synchronous limit: waitUntil carries the close, no background function.
    await Promise.all(pendingWork);
    expect(site.background).toHaveLength(0);
    expect(hook.received).toMatchObject([
      {
        title: 'Contentful: 2 changes: published landingPage “Winter sale”, unpublished faqItem faq-old',
        branch: 'main',
      },
    ]);
    expect((await scheduled()).status).toBe(204);
    expect(hook.received).toHaveLength(1);
  });

  it('never calls the host a webhook names', async () => {
    // On Netlify a request's URL is built from its Host header, which the sender chooses.
    const forged = await webhook(
      signedWebhook({
        url: `${stranger.url}/api/contentful-webhook`,
        signedAt: Date.now(),
        payload: entryPayload('page-forged-host', 'landingPage', { title: 'Forged host' }),
      }),
      context,
    );
    expect(forged.status).toBe(202);
    expect(await forged.json()).toMatchObject({ window: { opened: true } });
    await Promise.all(pendingWork);
    expect(stranger.received).toEqual([]);
    expect(hook.received.at(-1)).toMatchObject({ title: expect.stringContaining('Forged host') });
  });

  it('keeps the background closer to callers holding the token', async () => {
    const response = await fetch(`${site.url}${BACKGROUND_CLOSER_PATH}`, { method: 'POST' });
    expect(response.status).toBe(202);
    expect((await site.background.at(-1))?.status).toBe(401);
  });

  it('records a replayed request once and answers it 200', async () => {
    const request = signedWebhook({
      url: webhookUrl(),
      signedAt: Date.now(),
      payload: entryPayload('faq-r', 'faqItem'),
    });
    expect((await webhook(request.clone(), context)).status).toBe(202);
    const replay = await webhook(request.clone(), context);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ replayed: true });
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM rebuild_events WHERE entity_id = 'faq-r'",
    );
    expect(rows[0]?.n).toBe(1);
    await Promise.all(pendingWork);
    await Promise.all(site.background);
  });

  it('answers 503 with Retry-After and no internals when the database cannot be reached', async () => {
    vi.resetModules();
    const closedPort = await freePort();
    process.env.NETLIFY_DB_URL = `postgres://floodgate:secret@127.0.0.1:${closedPort}/floodgate`;
    try {
      const unreachable = (await import('../../netlify/functions/contentful-webhook.mts')).default;
      const response = await unreachable(
        signedWebhook({ url: webhookUrl(), signedAt: Date.now(), payload: entryPayload('faq-x', 'faqItem') }),
        context,
      );
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      const body = await response.text();
      expect(JSON.parse(body)).toEqual({
        error: 'store_unavailable',
        message: 'The event could not be stored; retry.',
      });
      expect(body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|secret/);
    } finally {
      process.env.NETLIFY_DB_URL = db.url;
    }
  });

  it('without a database answers 503 with a generic body and names the variable in the log once', async () => {
    vi.resetModules();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    delete process.env.NETLIFY_DB_URL;
    try {
      const closer = (await import('../../netlify/functions/rebuild-windows.mts')).default;
      const answers = [await closer(), await closer()];
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        const body = await answer.text();
        expect(JSON.parse(body)).toEqual({
          error: 'unavailable',
          message: 'This service is unavailable just now.',
        });
        expect(body).not.toMatch(/NETLIFY_DB_URL|\/work\/|\.ts|at /);
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      }
      expect(errors.mock.calls.map(([line]) => String(line))).toEqual([
        expect.stringMatching(/rebuild window closer.*invalid or missing NETLIFY_DB_URL/),
      ]);
    } finally {
      errors.mockRestore();
      process.env.NETLIFY_DB_URL = db.url;
    }
  });

  it('without its secret answers every caller exactly as it answers an unsigned one, logging the name once', async () => {
    const unsignedBody = JSON.stringify(entryPayload('p', 'landingPage'));
    const unsigned = () => new Request(webhookUrl(), { method: 'POST', body: unsignedBody });
    const configured = await webhook(unsigned(), context);
    vi.resetModules();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    delete process.env.CONTENTFUL_WEBHOOK_SECRET;
    try {
      const broken = (await import('../../netlify/functions/contentful-webhook.mts')).default;
      const fromStranger = await broken(unsigned(), context);
      expect([fromStranger.status, await fromStranger.json()]).toEqual([401, await configured.json()]);
      // Even a correctly signed request: without the secret nothing can be verified, or stored.
      const signed = await broken(
        signedWebhook({ url: webhookUrl(), signedAt: Date.now(), payload: entryPayload('q', 'landingPage') }),
        context,
      );
      expect(signed.status).toBe(401);
      // Size still comes first.
      const huge = await broken(
        new Request(webhookUrl(), { method: 'POST', body: 'x'.repeat(1_000_001) }),
        context,
      );
      expect(huge.status).toBe(413);
      expect(errors.mock.calls.map(([line]) => String(line))).toEqual([
        expect.stringMatching(/Contentful webhook.*invalid or missing CONTENTFUL_WEBHOOK_SECRET/),
      ]);
      // With the feature off altogether (no secret, no build hook): the same 401, and nothing logged.
      delete process.env.NETLIFY_BUILD_HOOK_URL;
      vi.resetModules();
      const off = (await import('../../netlify/functions/contentful-webhook.mts')).default;
      expect((await off(unsigned(), context)).status).toBe(401);
      const closer = (await import('../../netlify/functions/rebuild-windows.mts')).default;
      expect((await closer()).status).toBe(404);
      expect(errors).toHaveBeenCalledTimes(1);
    } finally {
      errors.mockRestore();
      process.env.CONTENTFUL_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
      process.env.NETLIFY_BUILD_HOOK_URL = hook.url;
    }
  });

  it('refuses ids outside Contentful’s limits before storing anything', async () => {
    for (const id of ['x'.repeat(65), 'a b', 'é', '']) {
      const response = await send({ payload: entryPayload(id, 'landingPage') });
      expect(response.status, JSON.stringify(id.slice(0, 10))).toBe(400);
      expect(((await response.json()) as { field: string }).field).toBe('sys.id');
    }
    const huge = await send({ payload: entryPayload('x'.repeat(900_000), 'landingPage') });
    expect(huge.status).toBe(400);
    const badType = await send({ payload: entryPayload('ok-id', 'landing page') });
    expect(badType.status).toBe(400);
    expect(((await badType.json()) as { field: string }).field).toBe('sys.contentType.sys.id');
  });
});

/** A loopback port nothing listens on: the database is down. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}
