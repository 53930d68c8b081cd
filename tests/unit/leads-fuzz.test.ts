import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { handleLeadRequest, type LeadRequestDeps } from '../../src/lib/leads/handle-lead-request.ts';
import { createRecentBodies } from '../../src/lib/leads/recent-bodies.ts';
import type { QueuedLead } from '../../src/lib/queue/lead-queue.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';
import { recordingLeadQueue } from '../fixtures/recording-lead-queue.ts';

const site = 'https://www.example.com';
const valid: Record<string, unknown> = {
  email: 'ada@example.com',
  firstName: 'Ada',
  formId: 'spring-webinar',
  pageSlug: 'spring-webinar',
  locale: 'en-US',
  consent: 'yes',
  consentVersion: 'form-home-demo:en-US:0f819c71f9d24e87',
  fillMs: 8000,
};
const keys = [...Object.keys(valid), 'company', 'phone', 'utm', 'referrer', 'website', 'idempotencyKey'];
const hostileKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const controlAndOddCharacters = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\t\n\r',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  '😀',
  '<script>',
  '"\'%{}[]\\',
);
/** Text from every corner: plain, any code point (lone surrogates too), control characters, huge. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(controlAndOddCharacters, { maxLength: 20 }).map((parts) => parts.join('')),
  fc.constantFrom('', ' ', 'yes', 'no', 'en-US', 'spring-webinar', 'javascript:alert(1)', 'not-an-email'),
  fc.integer({ min: 2_100, max: 40_000 }).map((length) => 'x'.repeat(length)),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 3 }),
  hostileText,
  fc.constantFrom(1e308, -1, Number.MAX_SAFE_INTEGER + 2, 3.14),
);
const anyObject = fc.dictionary(fc.oneof(fc.constantFrom(...keys, ...hostileKeys), fc.string()), anyValue, {
  maxKeys: 8,
});

/** Ways to break a valid lead that stay broken in both encodings (numbers survive as digit strings). */
const breakers: ((lead: Record<string, unknown>) => void)[] = [
  ...['email', 'firstName', 'formId', 'pageSlug', 'locale', 'consent', 'consentVersion'].map(
    (field) => (lead: Record<string, unknown>) => delete lead[field],
  ),
  (lead) => (lead.email = 'ada@'),
  (lead) => (lead.consent = 'no'),
  (lead) => (lead.locale = 'fr-FR'),
  (lead) => (lead.formId = 'constructor'),
  (lead) => (lead.formId = '__proto__'),
  (lead) => (lead.firstName = 'Ada\u0000'),
  (lead) => (lead.idempotencyKey = 'not-a-uuid'),
  (lead) => (lead.referrer = 'x'.repeat(2100)),
];
/** Wrong types only break JSON: a form post turns every value into text. */
const typeBreakers: ((lead: Record<string, unknown>) => void)[] = [{ a: 1 }, ['x'], 42, null].map(
  (value) => (lead) => (lead.firstName = value),
);

const malformedLead = (json: boolean) =>
  fc
    .record({
      broken: fc.array(fc.constantFrom(...(json ? [...breakers, ...typeBreakers] : breakers)), {
        minLength: 1,
        maxLength: 3,
      }),
      hostile: fc.boolean(),
    })
    .map(({ broken, hostile }) => {
      const lead = { ...valid };
      for (const breakIt of broken) breakIt(lead);
      // Hostile keys ride along as own properties (spread defines, Object.assign would set a prototype).
      const pollution = JSON.parse(
        '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
      ) as Record<string, unknown>;
      return hostile ? { ...lead, ...pollution } : lead;
    });

// URLSearchParams, like a browser, turns lone surrogates into U+FFFD instead of throwing.
const urlencode = (data: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]),
  ).toString();

/** A request description; the Request itself is built per run, since a body can be read only once. */
interface RequestCase {
  method: string;
  type: string;
  body: string | Uint8Array<ArrayBuffer>;
}

const jsonBody = fc.oneof(
  malformedLead(true).chain((lead) =>
    fc.integer({ min: 1, max: 20 }).map((cut) => JSON.stringify(lead).slice(0, -cut)),
  ), // truncated JSON
  fc.oneof(anyValue, anyObject).map((value) => JSON.stringify(value) ?? 'undefined'),
  malformedLead(true).map((lead) => JSON.stringify(lead)),
);
const formBody = fc.oneof(malformedLead(false).map(urlencode), anyObject.map(urlencode), hostileText);
const requestCase: fc.Arbitrary<RequestCase> = fc.oneof(
  { arbitrary: jsonBody.map((body) => ({ method: 'POST', type: 'application/json', body })), weight: 10 },
  {
    arbitrary: formBody.map((body) => ({
      method: 'POST',
      type: 'application/x-www-form-urlencoded; charset=UTF-8',
      body,
    })),
    weight: 10,
  },
  {
    // Raw bytes, under any content type.
    arbitrary: fc.record({
      method: fc.constant('POST'),
      type: fc.constantFrom('application/json', 'application/x-www-form-urlencoded'),
      body: fc.uint8Array({ maxLength: 200 }).map((bytes) => Uint8Array.from(bytes)),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      method: fc.constant('POST'),
      type: fc.constantFrom('text/plain', 'multipart/form-data', '', 'application/json; charset=latin1'),
      body: jsonBody,
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      method: fc.constantFrom('GET', 'PUT', 'DELETE'),
      type: fc.constant(''),
      body: jsonBody,
    }),
    weight: 1,
  },
);

const toRequest = ({ method, type, body }: RequestCase) =>
  new Request(`${site}/api/leads`, {
    method,
    headers: { 'Content-Type': type, Origin: site },
    body: method === 'GET' ? null : body,
  });

describe('handleLeadRequest under malformed input', () => {
  it('answers 1,500 generated malformed bodies with a 4xx and a message, never a 5xx or a throw, storing nothing', async () => {
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const stored: QueuedLead[] = [];
    const recording = recordingLeadQueue(stored);
    const deps: LeadRequestDeps = {
      queue: recording.queue,
      forms: {
        'spring-webinar': {
          fields: ['email', 'firstName', 'company', 'phone'],
          requiredFields: ['email', 'firstName'],
          customFields: [],
          successSlug: 'thanks',
          pageSlugs: ['spring-webinar'],
        },
      },
      env: parseEnv(LeadIntakeEnvSchema, { SITE_URL: site }, 'fuzz'),
      now: () => 1_800_000_000_000,
      clientIp: '198.51.100.1',
      rateLimiter: { check: () => ({ allowed: true, retryAfterSeconds: 0 }) },
      recentBodies: createRecentBodies(),
    };
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestCase, async (sample) => {
        const response = await handleLeadRequest(toRequest(sample), deps);
        const text = await response.text();
        const context = `${response.status} ${text.slice(0, 200)}`;
        expect(response.status, context).toBeGreaterThanOrEqual(400);
        expect(response.status, context).toBeLessThan(500);
        const message = response.headers.get('content-type')?.startsWith('text/html')
          ? /<li>.+<\/li>/.test(text)
          : typeof (JSON.parse(text) as { message?: unknown }).message === 'string';
        expect(message, context).toBe(true);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }),
      // Fixed seed: CI is reproducible; a failure prints its seed and the shrunk counterexample.
      { numRuns: 1500, seed: 20261103 },
    );
    expect([stored, recording.spam]).toEqual([[], []]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Every kind of refusal was exercised, so the generator is not stuck in one corner.
    expect([...statuses.keys()].sort()).toEqual([400, 405, 413, 415]);
  });
});
