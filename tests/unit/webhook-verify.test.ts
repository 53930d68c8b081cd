import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { verifyContentfulWebhook } from '../../src/lib/rebuild/verify-webhook.ts';
import { RebuildEnvSchema } from '../../src/schemas/webhook-env.ts';
import { TEST_WEBHOOK_SECRET, entryPayload, signedWebhook } from '../fixtures/webhook-requests.ts';

const signedAt = 1_800_000_000_000;
const options = { secret: TEST_WEBHOOK_SECRET, maxAgeMs: 60_000, now: signedAt + 2_000 };
const payload = entryPayload('page-winter-sale', 'landingPage', { title: 'Winter sale' });

async function verify(request: Request, overrides: Partial<typeof options> = {}) {
  return verifyContentfulWebhook(request, await request.text(), { ...options, ...overrides });
}

/** The same request with one thing changed after signing, as a tamperer would. */
async function tampered(change: { url?: string; headers?: Record<string, string | null>; body?: string }) {
  const original = signedWebhook({ payload, signedAt });
  const headers = new Headers(original.headers);
  for (const [name, value] of Object.entries(change.headers ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return new Request(change.url ?? original.url, {
    method: 'POST',
    headers,
    body: change.body ?? (await original.text()),
  });
}

describe('verifyContentfulWebhook', () => {
  it('accepts a request signed with the secret', async () => {
    expect(await verify(signedWebhook({ payload, signedAt }))).toEqual({ ok: true, signedAt });
  });

  it('accepts a request whose URL has a query string, as the toolkit canonicalises it', async () => {
    const url = 'https://floodgate.example/api/contentful-webhook?source=contentful&env=master';
    expect((await verify(signedWebhook({ payload, signedAt, url }))).ok).toBe(true);
  });

  it('refuses a request signed with another secret', async () => {
    const request = signedWebhook({ payload, signedAt, secret: 'x'.repeat(64) });
    expect(await verify(request)).toMatchObject({ ok: false, field: 'x-contentful-signature' });
  });

  it('refuses a changed body', async () => {
    const body = JSON.stringify(entryPayload('page-winter-sale', 'landingPage', { title: 'Hacked' }));
    expect(await verify(await tampered({ body }))).toMatchObject({
      ok: false,
      field: 'x-contentful-signature',
    });
  });

  it('refuses a changed signed header', async () => {
    const request = await tampered({ headers: { 'x-contentful-topic': 'ContentManagement.Entry.delete' } });
    expect(await verify(request)).toMatchObject({ ok: false, field: 'x-contentful-signature' });
  });

  it('refuses a request sent to another path', async () => {
    const request = await tampered({ url: 'https://floodgate.example/api/other-hook' });
    expect(await verify(request)).toMatchObject({ ok: false, field: 'x-contentful-signature' });
  });

  it('refuses a timestamp changed to look fresh', async () => {
    const request = await tampered({ headers: { 'x-contentful-timestamp': String(signedAt + 1) } });
    expect(await verify(request)).toMatchObject({ ok: false, field: 'x-contentful-signature' });
  });

  it('refuses a missing or malformed signature', async () => {
    const missing = await tampered({ headers: { 'x-contentful-signature': null } });
    expect(await verify(missing)).toMatchObject({ ok: false, field: 'x-contentful-signature' });
    const short = await tampered({ headers: { 'x-contentful-signature': 'abc' } });
    expect(await verify(short)).toMatchObject({ ok: false, field: 'x-contentful-signature' });
    const noTime = await tampered({ headers: { 'x-contentful-timestamp': null } });
    expect(await verify(noTime)).toMatchObject({ ok: false, field: 'x-contentful-timestamp' });
  });

  it('refuses a genuine request replayed after the replay window', async () => {
    const request = signedWebhook({ payload, signedAt });
    expect(await verify(request, { now: signedAt + 61_000 })).toEqual({
      ok: false,
      field: 'x-contentful-timestamp',
      message: 'is 61 s old; requests signed more than 60 s ago are refused',
    });
  });

  it('accepts it just inside the window and refuses one signed too far in the future', async () => {
    expect((await verify(signedWebhook({ payload, signedAt }), { now: signedAt + 60_000 })).ok).toBe(true);
    const future = signedWebhook({ payload, signedAt: signedAt + 120_000 });
    expect(await verify(future)).toMatchObject({ ok: false, field: 'x-contentful-timestamp' });
  });
});

describe('RebuildEnvSchema', () => {
  const complete = {
    CONTENTFUL_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    NETLIFY_BUILD_HOOK_URL: 'https://api.netlify.com/build_hooks/5f0c0ffee0ddba11',
  };

  it('fails start-up naming a missing secret', () => {
    expect(() =>
      parseEnv(RebuildEnvSchema, { ...complete, CONTENTFUL_WEBHOOK_SECRET: '' }, 'the Contentful webhook'),
    ).toThrowErrorMatchingInlineSnapshot(`
        [Error: Invalid environment for the Contentful webhook:
          - CONTENTFUL_WEBHOOK_SECRET: is not set
        See .env.example for what each variable means.]
      `);
  });

  it('says what a malformed secret and window should be', () => {
    const env = { ...complete, CONTENTFUL_WEBHOOK_SECRET: 'short', REBUILD_WINDOW_SECONDS: 'soon' };
    expect(() => parseEnv(RebuildEnvSchema, env, 'the Contentful webhook'))
      .toThrowErrorMatchingInlineSnapshot(`
      [Error: Invalid environment for the Contentful webhook:
        - CONTENTFUL_WEBHOOK_SECRET: must be the 64-character signing secret from Contentful (Settings › Webhooks › Settings)
        - REBUILD_WINDOW_SECONDS: must be a whole number of seconds
      See .env.example for what each variable means.]
    `);
  });

  it('defaults to a 30 s window and a 60 s replay window', () => {
    expect(parseEnv(RebuildEnvSchema, complete, 'x')).toMatchObject({
      REBUILD_WINDOW_SECONDS: 30,
      CONTENTFUL_WEBHOOK_MAX_AGE_SECONDS: 60,
    });
  });
});
