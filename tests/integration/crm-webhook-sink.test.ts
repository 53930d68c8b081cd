import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSignedWebhookSink } from '../../src/lib/crm/signed-webhook-sink.ts';
import { verifyCrmSignature } from '../../src/lib/crm/verify-crm-signature.ts';
import { CrmWebhookBodySchema } from '../../src/schemas/delivery-crm-webhook.ts';

const secret = 'sink-test-secret-at-least-32-characters';
const lead = {
  id: '0mwt-lead-1',
  receivedAt: Date.parse('2026-11-20T12:00:00Z'),
  attempt: 2,
  payload: {
    fields: { email: 'a@example.com' },
    formId: 'demo',
    locale: 'de-DE',
    pageSlug: 'newsletter',
    consent: {
      given: true,
      version: 'form-newsletter:de-DE:0123456789abcdef',
      at: '2026-11-20T12:00:00.000Z',
    },
  },
  confirmedAt: Date.parse('2026-11-20T12:03:00Z'),
};

interface Seen {
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done) ?? done(undefined));
  server = undefined;
});

/** A real receiver on 127.0.0.1 that records each request and answers with `respond`. */
async function receiver(respond: (response: ServerResponse, seen: Seen) => void) {
  const seen: Seen[] = [];
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      seen.push({ headers: request.headers, body });
      respond(response, { headers: request.headers, body });
    });
  });
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/leads`, seen };
}

describe('signed webhook sink', () => {
  it('POSTs the lead as JSON with Idempotency-Key, attempt and a signature the receiver can verify', async () => {
    const { url, seen } = await receiver((response) => response.writeHead(201).end('{"ok":true}'));
    const outcome = await createSignedWebhookSink({ url, secret, timeoutMs: 2_000 }).deliver(lead);
    expect(outcome).toEqual({ ok: true, status: 201 });
    const [request] = seen;
    if (!request) throw new Error('no request arrived');
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': lead.id,
      'x-floodgate-attempt': '2',
    });
    expect(CrmWebhookBodySchema.parse(JSON.parse(request.body))).toEqual({
      id: lead.id,
      receivedAt: '2026-11-20T12:00:00.000Z',
      lead: lead.payload,
      // The consent record (docs/crm-webhook.md): the words' hash from the version, the confirmation.
      consent: {
        version: 'form-newsletter:de-DE:0123456789abcdef',
        textHash: '0123456789abcdef',
        locale: 'de-DE',
        page: 'newsletter',
        givenAt: '2026-11-20T12:00:00.000Z',
        method: 'double-opt-in',
        confirmedAt: '2026-11-20T12:03:00.000Z',
        releasedFromSpam: false,
      },
    });
    const check = verifyCrmSignature({
      secrets: [secret],
      body: request.body,
      timestamp: request.headers['x-floodgate-timestamp'] as string,
      signature: request.headers['x-floodgate-signature'] as string,
    });
    expect(check).toEqual({ ok: true });
  });

  it('sends the same body on every attempt, so a receiver can compare repeats', async () => {
    const { url, seen } = await receiver((response) => response.writeHead(200).end());
    const sink = createSignedWebhookSink({ url, secret, timeoutMs: 2_000 });
    await sink.deliver(lead);
    await sink.deliver({ ...lead, attempt: 3 });
    expect(seen[0]?.body).toBe(seen[1]?.body);
  });

  it('reports an error status with Retry-After and the start of the answer, not all of it', async () => {
    const { url } = await receiver((response) =>
      response.writeHead(429, { 'retry-after': '7' }).end(`{"error":"slow down"}${'x'.repeat(100_000)}`),
    );
    const outcome = await createSignedWebhookSink({ url, secret, timeoutMs: 2_000 }).deliver(lead);
    expect(outcome).toMatchObject({ ok: false, status: 429, retryAfterMs: 7_000 });
    const detail = outcome.ok ? '' : outcome.detail;
    expect(detail.startsWith('HTTP 429: {"error":"slow down"}xxx')).toBe(true);
    expect(detail.length).toBe('HTTP 429: '.length + 300);
  });

  it('does not follow a redirect: it reports it, so leads never go where the URL does not say', async () => {
    const { url, seen } = await receiver((response) =>
      response.writeHead(302, { location: '/elsewhere' }).end(),
    );
    const outcome = await createSignedWebhookSink({ url, secret, timeoutMs: 2_000 }).deliver(lead);
    expect(outcome).toMatchObject({ ok: false, status: 302, detail: expect.stringContaining('redirect') });
    expect(seen).toHaveLength(1);
  });

  it('gives up on a receiver that does not answer within the per-call timeout', async () => {
    const { url } = await receiver(() => {});
    const started = performance.now();
    const outcome = await createSignedWebhookSink({ url, secret, timeoutMs: 150 }).deliver(lead);
    expect(outcome).toEqual({ ok: false, status: 'timeout', detail: 'no answer within 150 ms' });
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('times out a receiver that sends headers and then stalls the body', async () => {
    const { url } = await receiver((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"partial":');
    });
    const outcome = await createSignedWebhookSink({ url, secret, timeoutMs: 150 }).deliver(lead);
    expect(outcome).toMatchObject({ ok: false, status: 'timeout' });
  });

  it('reports a refused connection as a network error', async () => {
    const { url } = await receiver(() => {});
    server?.close();
    server?.closeAllConnections();
    const outcome = await createSignedWebhookSink({ url, secret, timeoutMs: 1_000 }).deliver(lead);
    expect(outcome).toEqual({ ok: false, status: 'network-error', detail: 'ECONNREFUSED' });
  });
});
