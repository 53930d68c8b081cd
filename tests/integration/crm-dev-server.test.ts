import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDevCrm, type DevCrm } from '../../scripts/dev-crm/dev-crm.ts';
import { signCrmRequest } from '../../src/lib/crm/crm-signature.ts';
import { createSignedWebhookSink } from '../../src/lib/crm/signed-webhook-sink.ts';

const secret = 'dev-crm-test-secret-at-least-32-chars';
let crm: DevCrm;
beforeEach(async () => {
  crm = await startDevCrm({ secret });
});
afterEach(() => crm.close());

const lead = (id: string, fields: Record<string, unknown> = { email: 'a@example.com' }) => ({
  id,
  receivedAt: Date.parse('2026-11-20T12:00:00Z'),
  attempt: 1,
  payload: { fields, formId: 'demo', locale: 'en' },
});
const consent = {
  version: '2026-11',
  textHash: null,
  locale: 'en-US',
  page: 'home',
  givenAt: '2026-11-20T12:00:00.000Z',
  method: 'checkbox',
  confirmedAt: null,
  releasedFromSpam: false,
};
const body = (id: string) =>
  JSON.stringify({ id, receivedAt: '2026-11-20T12:00:00.000Z', lead: { fields: {} }, consent });
const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** A hand-made webhook request, so each part of the signature can be got wrong on purpose. */
function post(options: {
  id: string;
  body: string;
  timestamp: string;
  signWith: string;
  signedBody?: string;
}) {
  const signature = signCrmRequest(options.signWith, options.timestamp, options.signedBody ?? options.body);
  return fetch(crm.webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': options.id,
      'x-floodgate-timestamp': options.timestamp,
      'x-floodgate-signature': signature,
    },
    body: options.body,
  });
}

// Labelled as a form post on purpose: that is what `curl -d '{…}'` (as in docs/delivery.md) sends.
const control = (settings: Record<string, unknown>) =>
  fetch(`${crm.url}/_control`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: JSON.stringify(settings),
  });

describe('dev CRM', () => {
  it('accepts a correctly signed lead from the real sink, records it and lists it', async () => {
    const sink = createSignedWebhookSink({ url: crm.webhookUrl, secret, timeoutMs: 2_000 });
    expect(await sink.deliver(lead('lead-1'))).toEqual({ ok: true, status: 200 });
    const received = await (await fetch(`${crm.url}/_received`)).json();
    expect(received).toEqual([
      expect.objectContaining({ id: 'lead-1', attempt: 1, lead: expect.any(Object) }),
    ]);
  });

  it('rejects a wrong secret, a changed body and an old timestamp, recording nothing', async () => {
    const id = 'lead-2';
    const wrongSecret = await post({
      id,
      body: body(id),
      timestamp: nowSeconds(),
      signWith: 'not-the-secret',
    });
    const changedBody = await post({
      id,
      body: body(id).replace('fields', 'fieldz'),
      signedBody: body(id),
      timestamp: nowSeconds(),
      signWith: secret,
    });
    const old = String(Math.floor(Date.now() / 1000) - 600);
    const oldTimestamp = await post({ id, body: body(id), timestamp: old, signWith: secret });
    expect([wrongSecret.status, changedBody.status, oldTimestamp.status]).toEqual([401, 401, 401]);
    expect(((await oldTimestamp.json()) as { message: string }).message).toMatch(/timestamp/);
    expect(crm.received()).toEqual([]);
    expect((await post({ id, body: body(id), timestamp: nowSeconds(), signWith: secret })).status).toBe(200);
  });

  it('dedups by Idempotency-Key: a repeat is acknowledged and not recorded again', async () => {
    const sink = createSignedWebhookSink({ url: crm.webhookUrl, secret, timeoutMs: 2_000 });
    await sink.deliver(lead('lead-3'));
    expect(await sink.deliver({ ...lead('lead-3'), attempt: 2 })).toEqual({ ok: true, status: 200 });
    expect(crm.received()).toHaveLength(1);
    expect(crm.arrivals().map((arrival) => arrival.outcome)).toEqual(['recorded', 'duplicate']);
  });

  it('answers 400 to a body that is not a lead, or a key that is not its id', async () => {
    const notALead = await post({ id: 'x', body: '{"hello":1}', timestamp: nowSeconds(), signWith: secret });
    const otherKey = await post({
      id: 'other',
      body: body('lead-4'),
      timestamp: nowSeconds(),
      signWith: secret,
    });
    expect([notALead.status, otherKey.status]).toEqual([400, 400]);
  });

  it('can be told to fail for the next n requests, then recovers', async () => {
    expect((await control({ mode: 'fail', status: 503, count: 2 })).status).toBe(200);
    const sink = createSignedWebhookSink({ url: crm.webhookUrl, secret, timeoutMs: 2_000 });
    const outcomes = [];
    for (let attempt = 1; attempt <= 3; attempt += 1)
      outcomes.push(await sink.deliver({ ...lead('lead-5'), attempt }));
    expect(outcomes.map((outcome) => outcome.status)).toEqual([503, 503, 200]);
  });

  it('rate-limits with Retry-After, and can hang until the caller times out', async () => {
    const sink = createSignedWebhookSink({ url: crm.webhookUrl, secret, timeoutMs: 200 });
    await control({ mode: 'rate-limit', retryAfterSeconds: 3 });
    expect(await sink.deliver(lead('lead-6'))).toMatchObject({ status: 429, retryAfterMs: 3_000 });
    await control({ mode: 'timeout' });
    expect(await sink.deliver(lead('lead-6'))).toMatchObject({ status: 'timeout' });
    expect(crm.received()).toEqual([]);
  });

  it('can slow down every answer', async () => {
    await control({ mode: 'ok', delayMs: 300 });
    const started = performance.now();
    const sink = createSignedWebhookSink({ url: crm.webhookUrl, secret, timeoutMs: 2_000 });
    expect(await sink.deliver(lead('lead-7'))).toMatchObject({ ok: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('names what is wrong with a control request', async () => {
    const response = await control({ mode: 'explode', status: 99 });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: unknown }).errors).toEqual([
      expect.stringMatching(/^mode: /),
      expect.stringMatching(/^status: /),
    ]);
  });

  it('takes the page’s form post and sends the browser back to the page', async () => {
    const response = await fetch(`${crm.url}/_control`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'mode=reject&status=&retryAfterSeconds=&delayMs=&count=1',
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    const sink = createSignedWebhookSink({ url: crm.webhookUrl, secret, timeoutMs: 2_000 });
    expect(await sink.deliver(lead('lead-8'))).toMatchObject({ status: 422 });
    expect(await sink.deliver(lead('lead-8'))).toMatchObject({ status: 200 });
  });

  it('shows received leads on its page with every value escaped', async () => {
    const sink = createSignedWebhookSink({ url: crm.webhookUrl, secret, timeoutMs: 2_000 });
    const hostile = {
      email: 'x@example.com',
      name: '<script>alert(1)</script>',
      company: '"><img src=x onerror=alert(2)>',
    };
    await sink.deliver(lead('<b>lead-9</b>', hostile));
    const page = await (await fetch(crm.url)).text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&lt;b&gt;lead-9&lt;/b&gt;');
    expect(page).not.toMatch(/<script>|<img|<b>lead/);
  });
});
