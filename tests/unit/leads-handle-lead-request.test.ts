import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { hashClientIp } from '../../src/lib/leads/client-hash.ts';
import { handleLeadRequest, type LeadRequestDeps } from '../../src/lib/leads/handle-lead-request.ts';
import { createRateLimiter } from '../../src/lib/leads/rate-limit.ts';
import { leadFingerprint } from '../../src/lib/queue/lead-fingerprint.ts';
import { createRecentBodies } from '../../src/lib/leads/recent-bodies.ts';
import { oncePerCause } from '../../src/lib/leads/unavailable-cause.ts';
import { LeadIntakeEnvSchema, type FormConfigMap } from '../../src/schemas/lead.ts';
import { recordingLeadQueue } from '../fixtures/recording-lead-queue.ts';

const site = 'https://www.example.com';
const t0 = Date.UTC(2026, 10, 3, 9, 30);
const forms: FormConfigMap = {
  'spring-webinar': {
    fields: ['email', 'firstName', 'company', 'companySize'],
    requiredFields: ['email', 'firstName'],
    customFields: [],
    successSlug: 'thanks',
    pageSlugs: ['spring-webinar'],
  },
};
/** A German page posts its own consent version (docs/consent.md). */
const germanConsent = 'form-home-demo:de-DE:c801e393ec95d324';
const lead = {
  email: 'ada@example.com',
  firstName: 'Ada',
  company: '',
  companySize: '11-50',
  formId: 'spring-webinar',
  pageSlug: 'spring-webinar',
  locale: 'en-US',
  consent: 'yes',
  consentVersion: 'form-home-demo:en-US:0f819c71f9d24e87',
  idempotencyKey: '4f9c2a4e-8d1b-4c57-9a3e-2b7f0c1d5e6a',
  utm: { utm_source: 'newsletter' },
  referrer: 'https://news.example/issue-4',
  fillMs: 8000,
  website: '',
};

function setup(env: Record<string, string> = {}, failWith?: Error) {
  const main = recordingLeadQueue([], failWith);
  const deps: LeadRequestDeps = {
    queue: main.queue,
    forms,
    env: parseEnv(
      LeadIntakeEnvSchema,
      { SITE_URL: site, LEADS_IP_HASH_SECRET: 's'.repeat(32), ...env },
      'test',
    ),
    now: () => t0,
    clientIp: '203.0.113.7',
    rateLimiter: createRateLimiter({ limit: 3, windowMs: 60_000 }),
    recentBodies: createRecentBodies(),
    userAgent: 'Mozilla/5.0 (test)',
  };
  return { deps, stored: main.stored, spam: main.spam };
}

type Init = { method?: string; type?: string; origin?: string | null };
function post(body: unknown, { method = 'POST', type = 'application/json', origin = site }: Init = {}) {
  const headers: Record<string, string> = { 'Content-Type': type };
  if (origin) headers.Origin = origin;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Request(`${site}/api/leads`, { method, headers, body: method === 'GET' ? null : text });
}

const form = (fields: Record<string, string | undefined>) =>
  new URLSearchParams(
    Object.entries(fields).flatMap(([k, v]) => (v === undefined ? [] : [[k, v]])),
  ).toString();
const formPost = (fields: Record<string, string | undefined>) =>
  post(form(fields), { type: 'application/x-www-form-urlencoded' });
const { utm: _utm, fillMs: _fillMs, idempotencyKey: _key, ...noScriptLead } = lead;

describe('handleLeadRequest: JSON from the page script', () => {
  it('asks the enqueue for a receipt when the form has one in the visitor’s locale', async () => {
    const { deps, stored } = setup();
    const receipt = { subject: 'Thanks', body: 'We have it.' };
    const withReceipt = { ...forms['spring-webinar'], mails: { 'en-US': { receipt } } };
    deps.forms = { 'spring-webinar': withReceipt };
    expect((await handleLeadRequest(post(lead), deps)).status).toBe(202);
    deps.forms = forms;
    await handleLeadRequest(post({ ...lead, idempotencyKey: 'b7e0a1c2-3d4e-4f5a-8b6c-7d8e9f0a1b2c' }), deps);
    expect(stored.map((one) => one.wantsReceipt)).toEqual([true, undefined]);
  });

  it('stores a valid lead and answers 202 with its id', async () => {
    const { deps, stored, spam } = setup();
    const response = await handleLeadRequest(post(lead), deps);
    expect(response.status).toBe(202);
    // The form's confirmation page: where the page script goes, as a post without JavaScript does.
    expect(await response.json()).toEqual({ id: 'lead-1', next: '/thanks/' });
    expect(spam).toEqual([]);
    expect(stored).toEqual([
      {
        id: 'lead-1',
        idempotencyKey: lead.idempotencyKey,
        fingerprint: leadFingerprint('spring-webinar', {
          email: 'ada@example.com',
          firstName: 'Ada',
          companySize: '11-50',
        }),
        receivedAt: t0,
        // No campaign and no priority on this form: the normal lane, grouped by the form.
        flow: { lane: 'normal', group: 'form:spring-webinar', formId: 'spring-webinar' },
        payload: {
          fields: { email: 'ada@example.com', firstName: 'Ada', companySize: '11-50' },
          formId: 'spring-webinar',
          pageSlug: 'spring-webinar',
          locale: 'en-US',
          utm: { utm_source: 'newsletter' },
          referrer: 'https://news.example/issue-4',
          consent: {
            given: true,
            version: 'form-home-demo:en-US:0f819c71f9d24e87',
            at: '2026-11-03T09:30:00.000Z',
          },
          receivedAt: '2026-11-03T09:30:00.000Z',
          fillMs: 8000,
          ipHash: hashClientIp('203.0.113.7', 's'.repeat(32)),
          userAgent: 'Mozilla/5.0 (test)',
        },
      },
    ]);
    expect(JSON.stringify(stored)).not.toContain('203.0.113.7');
  });

  it('a repeated idempotency key with the same fields returns the first lead id and stores nothing new', async () => {
    const { deps, stored } = setup();
    const first = await (await handleLeadRequest(post(lead), deps)).json();
    const again = await handleLeadRequest(post({ ...lead, fillMs: 9000, utm: {} }), deps);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(first);
    expect(stored).toHaveLength(1);
  });

  it('a repeated idempotency key with other fields is refused with 409 and overwrites nothing', async () => {
    const { deps, stored } = setup();
    await handleLeadRequest(post(lead), deps);
    const again = await handleLeadRequest(post({ ...lead, firstName: 'Ada L.' }), deps);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      error: 'idempotency_conflict',
      message: expect.stringContaining('differ from a sign-up already sent'),
    });
    expect(stored.map((item) => item.payload.fields)).toEqual([
      { email: 'ada@example.com', firstName: 'Ada', companySize: '11-50' },
    ]);
  });

  it('wakes the delivery worker once per new lead, not for repeats', async () => {
    let wakes = 0;
    const { deps } = setup();
    const woken = { ...deps, afterAccept: () => (wakes += 1) };
    await handleLeadRequest(post(lead), woken);
    await handleLeadRequest(post(lead), woken);
    expect(wakes).toBe(1);
  });

  it('answers 400 with every field error, in form order', async () => {
    const { deps, stored } = setup();
    const response = await handleLeadRequest(
      post({ ...lead, email: 'ada', firstName: '', consent: false }),
      deps,
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({
      error: 'invalid_lead',
      message: 'Some details need correcting.',
      errors: [
        { field: 'email', message: 'enter an email address like name@example.com' },
        { field: 'firstName', message: 'fill in this field' },
        {
          field: 'consent',
          message: 'tick the box to agree to the consent text: we cannot contact you without it',
        },
      ],
    });
    expect(stored).toEqual([]);
  });

  it('answers 400, not a crash, to a form id that is an object', async () => {
    const { deps } = setup();
    const response = await handleLeadRequest(post('{"formId":{"toString":1},"consent":"yes"}'), deps);
    expect(response.status).toBe(400);
  });

  it('answers 405 with Allow for anything but POST', async () => {
    const response = await handleLeadRequest(post(undefined, { method: 'GET' }), setup().deps);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('answers 415 for other media types, 413 for big bodies, 400 for bad JSON', async () => {
    const { deps } = setup();
    expect((await handleLeadRequest(post('x', { type: 'text/plain' }), deps)).status).toBe(415);
    const big = await handleLeadRequest(post({ ...lead, message: 'x'.repeat(20_000) }), deps);
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: 'payload_too_large' });
    const bad = await handleLeadRequest(post('{"email":'), deps);
    expect([bad.status, await bad.json()]).toEqual([
      400,
      { error: 'invalid_json', message: 'The body is not valid JSON.' },
    ]);
  });

  it('answers 403 to posts from other origins or none', async () => {
    const { deps, stored } = setup();
    expect((await handleLeadRequest(post(lead, { origin: 'https://evil.example' }), deps)).status).toBe(403);
    expect((await handleLeadRequest(post(lead, { origin: null }), deps)).status).toBe(403);
    expect(stored).toEqual([]);
  });

  it('answers 429 with Retry-After once a client passes the limit', async () => {
    const { deps } = setup();
    for (let i = 0; i < 3; i += 1) await handleLeadRequest(post(lead), deps);
    const response = await handleLeadRequest(post(lead), deps);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(await response.json()).toMatchObject({ error: 'rate_limited' });
  });

  it('answers 503 form_closed when the kill switch names the form or is *', async () => {
    for (const closed of ['spring-webinar', '*']) {
      const { deps, stored } = setup({ LEADS_FORMS_CLOSED: closed });
      const response = await handleLeadRequest(post(lead), deps);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        error: 'form_closed',
        message: 'This form is closed. Thank you for your interest.',
      });
      expect(stored).toEqual([]);
    }
    expect((await handleLeadRequest(post(lead), setup({ LEADS_FORMS_CLOSED: 'other' }).deps)).status).toBe(
      202,
    );
  });

  it('answers spam 202 with an id but keeps it out of the lead queue, recording why', async () => {
    const traps = [
      [{ website: 'https://seo.example' }, ['honeypot']],
      [{ fillMs: 200 }, ['impossible-timing']],
      [{ fillMs: undefined }, ['scripted-without-fill-time']],
    ] as const;
    for (const [trap, signals] of traps) {
      const { deps, stored, spam } = setup();
      const response = await handleLeadRequest(post({ ...lead, ...trap }), deps);
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ id: 'lead-1', next: '/thanks/' });
      expect(stored).toEqual([]);
      expect(spam[0]?.spam).toEqual({ score: expect.any(Number), threshold: 50, signals });
    }
  });

  it('refuses a header injection in a one-line field, in the page’s language, storing nothing', async () => {
    const { deps, stored, spam } = setup();
    const response = await handleLeadRequest(
      post({ ...lead, locale: 'de-DE', consentVersion: germanConsent, firstName: 'Ada\r\nX-Injected: 1' }),
      deps,
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: unknown }).errors).toEqual([
      { field: 'firstName', message: 'bitte in einer Zeile ohne Zeilenumbrüche schreiben' },
    ]);
    expect([stored.length, spam.length]).toEqual([0, 0]);
  });

  it('accepts a fast but otherwise clean sign-up as a lead (browser autofill)', async () => {
    const { deps, stored, spam } = setup();
    expect((await handleLeadRequest(post({ ...lead, fillMs: 500 }), deps)).status).toBe(202);
    expect([stored.length, spam.length]).toEqual([1, 0]);
    expect(stored[0]?.payload).not.toHaveProperty('spam');
  });

  it('files a fast replay of another submission’s words as spam, but not a retry of the same one', async () => {
    const { deps, stored, spam } = setup();
    deps.rateLimiter = createRateLimiter({ limit: 100, windowMs: 60_000 });
    const fast = { ...lead, fillMs: 900 };
    await handleLeadRequest(post(fast), deps);
    await handleLeadRequest(post(fast), deps);
    expect([stored.length, spam.length]).toEqual([1, 0]);
    await handleLeadRequest(post({ ...fast, idempotencyKey: '7a1d3b5c-2e4f-4a6b-8c9d-0e1f2a3b4c5d' }), deps);
    expect(spam[0]?.spam).toEqual({
      score: 50,
      threshold: 50,
      signals: ['fast-timing', 'repeated-body'],
    });
  });

  it('answers 503 with Retry-After and no internals when the store fails', async () => {
    const { deps } = setup({}, new Error('ECONNREFUSED 10.0.0.4:443 blobs token=abc'));
    const response = await handleLeadRequest(post(lead), deps);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: 'unavailable',
      message: 'We could not save your details just now. Please try again in a moment.',
    });
    expect(text).not.toMatch(/ECONNREFUSED|token|10\.0\.0\.4/);
  });
});

describe('handleLeadRequest: every 503 says why in the log, once per cause', () => {
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

  it('logs the class and code of each distinct cause once, never its message or the lead', async () => {
    const logged: string[] = [];
    const missingTable = pgError('42P01', 'relation "leads" does not exist');
    const { deps } = setup({}, missingTable);
    deps.rateLimiter = { check: () => ({ allowed: true, retryAfterSeconds: 0 }) };
    deps.logUnavailable = oncePerCause((line) => logged.push(line));
    for (let i = 0; i < 3; i += 1) expect((await handleLeadRequest(post(lead), deps)).status).toBe(503);
    deps.queue = recordingLeadQueue([], pgError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.4:5432')).queue;
    expect((await handleLeadRequest(post(lead), deps)).status).toBe(503);
    expect(logged).toEqual([
      expect.stringContaining(
        '(queue: Error 42P01 — the migrations are not applied: run `npm run db:migrate`)',
      ),
      expect.stringContaining('(queue: Error ECONNREFUSED)'),
    ]);
    expect(logged.join('\n')).not.toMatch(/relation|10\.0\.0\.4|ada@example\.com|Ada/);
  });

  it('names the stage: form rules that could not be loaded are not a database outage', async () => {
    const logged: string[] = [];
    const { deps } = setup();
    deps.logUnavailable = oncePerCause((line) => logged.push(line));
    deps.forms = () => Promise.reject(new SyntaxError('Unexpected token < in JSON'));
    await handleLeadRequest(post(lead), deps);
    expect(logged).toEqual([expect.stringContaining('(form rules: SyntaxError)')]);
  });
});

describe('handleLeadRequest: form rules that cannot be loaded', () => {
  it('answers 503 with Retry-After and stores nothing', async () => {
    const { deps, stored } = setup();
    deps.forms = () => Promise.reject(new Error('GET /lead-forms.json answered 502'));
    const response = await handleLeadRequest(post(lead), deps);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(await response.text()).not.toContain('502');
    expect(stored).toEqual([]);
  });
});

describe('handleLeadRequest: form posts without JavaScript', () => {
  it('redirects 303 to the success page and stores the lead with nested UTM', async () => {
    const { deps, stored } = setup();
    const response = await handleLeadRequest(formPost({ ...noScriptLead, utm_source: 'ads' }), deps);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/thanks/');
    expect(stored[0]?.payload).toMatchObject({ utm: { utm_source: 'ads' }, fillMs: null });
  });

  it('redirects to the success page in the visitor’s language', async () => {
    const response = await handleLeadRequest(
      formPost({ ...noScriptLead, locale: 'de-DE', consentVersion: germanConsent }),
      setup().deps,
    );
    expect(response.headers.get('location')).toBe('/de/thanks/');
  });

  it('names no confirmation page to the page script for a form without one (it shows the thank-you note)', async () => {
    const { deps } = setup();
    const { successSlug: _, ...withoutSuccessPage } = forms['spring-webinar'];
    deps.forms = { 'spring-webinar': withoutSuccessPage };
    const response = await handleLeadRequest(post(lead), deps);
    expect(await response.json()).toEqual({ id: 'lead-1' });
  });

  it('sends a form without a success page back to its own thank-you note', async () => {
    const { deps } = setup();
    const { successSlug: _, ...withoutSuccessPage } = forms['spring-webinar'];
    deps.forms = { 'spring-webinar': withoutSuccessPage };
    const response = await handleLeadRequest(formPost(noScriptLead), deps);
    expect([response.status, response.headers.get('location')]).toEqual([
      303,
      '/spring-webinar/#spring-webinar-success',
    ]);
  });

  it('turns a double submit without a key into one lead', async () => {
    const { deps, stored } = setup();
    await handleLeadRequest(formPost(noScriptLead), deps);
    await handleLeadRequest(formPost(noScriptLead), deps);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.idempotencyKey).toMatch(/^derived-[0-9a-f]{64}$/);
  });

  it('answers invalid input with a 400 HTML page in the visitor’s language', async () => {
    const { deps } = setup();
    const response = await handleLeadRequest(
      formPost({ ...noScriptLead, locale: 'de-DE', email: '<b>x</b>', consent: undefined }),
      deps,
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain(
      '<li>Geschäftliche E-Mail: bitte eine E-Mail-Adresse wie name@beispiel.de eingeben</li>',
    );
    expect(html).toContain('<li>Einwilligung: bitte das Kästchen ankreuzen');
    expect(html).toContain('<a href="/de/spring-webinar/#spring-webinar-form">Zurück zum Formular</a>');
    expect(html).not.toContain('<b>');
  });

  it('answers in the language of the page the form was on, limits included', async () => {
    const response = await handleLeadRequest(
      post({
        ...lead,
        locale: 'de-DE',
        consentVersion: germanConsent,
        email: 'ada@',
        firstName: 'A'.repeat(101),
      }),
      setup().deps,
    );
    expect(await response.json()).toEqual({
      error: 'invalid_lead',
      message: 'Einige Angaben müssen korrigiert werden.',
      errors: [
        { field: 'email', message: 'bitte eine E-Mail-Adresse wie name@beispiel.de eingeben' },
        { field: 'firstName', message: 'bitte höchstens 100 Zeichen verwenden' },
      ],
    });
  });

  it('sends spam to the success page too, so bots learn nothing', async () => {
    const { deps, stored, spam } = setup();
    const response = await handleLeadRequest(formPost({ ...noScriptLead, website: 'x' }), deps);
    expect([response.status, response.headers.get('location')]).toEqual([303, '/thanks/']);
    expect([stored.length, spam.length]).toEqual([0, 1]);
  });

  it('answers a closed form with an HTML page linking back', async () => {
    const response = await handleLeadRequest(formPost(noScriptLead), setup({ LEADS_FORMS_CLOSED: '*' }).deps);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('<li>This form is closed. Thank you for your interest.</li>');
  });
});
