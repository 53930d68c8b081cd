import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { handleLeadRequest, type LeadRequestDeps } from '../../src/lib/leads/handle-lead-request.ts';
import type { QueuedLead } from '../../src/lib/queue/lead-queue.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';
import { recordingLeadQueue } from '../fixtures/recording-lead-queue.ts';

/** mulberry32: a tiny seeded PRNG, so a failing case can be replayed from its seed and index. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}
type Random = ReturnType<typeof prng>;

const site = 'https://www.example.com';
const valid: Record<string, unknown> = {
  email: 'ada@example.com',
  firstName: 'Ada',
  formId: 'spring-webinar',
  pageSlug: 'spring-webinar',
  locale: 'en-US',
  consent: 'yes',
  consentVersion: '2026-11',
  fillMs: 8000,
};
const keys = [...Object.keys(valid), 'company', 'phone', 'utm', 'referrer', 'website', 'idempotencyKey'];
const hostileKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

function randomString(r: Random): string {
  const alphabets = [
    'abc xyz',
    '\u0000\u0001\u001f\u007f\t\n\r',
    'äöü€😀\u202e\u200b\ufeff',
    '<>&"\'%{}[]\\',
    '\ud800\udfff',
  ];
  const length = r.pick([0, 1, 5, 40, 300, 3000]);
  let out = '';
  for (let i = 0; i < length; i += 1) out += r.pick([...r.pick(alphabets)]);
  return out;
}

function randomValue(r: Random, depth = 0): unknown {
  const kind = r.int(depth > 3 ? 6 : 9);
  if (kind === 0) return null;
  if (kind === 1) return r.pick([true, false]);
  if (kind === 2) return r.pick([0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 3.14]);
  if (kind === 3) return randomString(r);
  if (kind === 4) return r.pick(['', ' ', 'yes', 'no', 'en-US', 'spring-webinar', 'x'.repeat(20_000)]);
  if (kind === 5) return r.pick(['ada@example.com', 'not-an-email', 'javascript:alert(1)']);
  if (kind === 6) return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1));
  return randomObject(r, depth + 1);
}

function randomObject(r: Random, depth = 0): Record<string, unknown> {
  const entries = Array.from({ length: r.int(8) }, () => [
    r.pick([...keys, ...hostileKeys, randomString(r)]),
    randomValue(r, depth),
  ]);
  return Object.fromEntries(entries);
}

/** Break a valid lead in ways that stay broken in both encodings (numbers survive as digit strings). */
const breakers: ((lead: Record<string, unknown>, r: Random) => void)[] = [
  (lead, r) =>
    delete lead[r.pick(['email', 'firstName', 'formId', 'pageSlug', 'locale', 'consent', 'consentVersion'])],
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
const typeBreaker = (lead: Record<string, unknown>, r: Random) =>
  (lead.firstName = r.pick([{ a: 1 }, ['x'], 42, null]));

function malformedLead(r: Random, json: boolean): Record<string, unknown> {
  const lead = { ...valid };
  for (let i = r.int(3); i >= 0; i -= 1) r.pick(json ? [...breakers, typeBreaker] : breakers)(lead, r);
  // Hostile keys ride along as own properties (spread defines, Object.assign would set a prototype).
  const hostile = JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}');
  return r.next() < 0.5 ? { ...lead, ...hostile } : lead;
}

const urlencode = (data: Record<string, unknown>) =>
  Object.entries(data)
    .map(
      ([k, v]) =>
        `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`,
    )
    .join('&');

function randomRequest(r: Random): Request {
  const json = r.next() < 0.5;
  const shape = r.int(6);
  let body: string | Uint8Array<ArrayBuffer>;
  if (shape === 0)
    body = JSON.stringify(malformedLead(r, true)).slice(0, -1 - r.int(20)); // truncated JSON
  else if (shape === 1) body = JSON.stringify(r.next() < 0.5 ? randomValue(r) : randomObject(r));
  else if (shape === 2)
    body = Uint8Array.from({ length: r.int(200) }, () => r.int(256)); // raw bytes
  else if (shape === 3) body = randomString(r);
  else body = json ? JSON.stringify(malformedLead(r, true)) : urlencode(malformedLead(r, false));
  const type =
    r.next() < 0.05
      ? r.pick(['text/plain', 'multipart/form-data', '', 'application/json; charset=latin1'])
      : json
        ? 'application/json'
        : 'application/x-www-form-urlencoded; charset=UTF-8';
  const method = r.next() < 0.03 ? r.pick(['GET', 'PUT', 'DELETE']) : 'POST';
  return new Request(`${site}/api/leads`, {
    method,
    headers: { 'Content-Type': type, Origin: site },
    body: method === 'GET' ? null : body,
  });
}

describe('handleLeadRequest under malformed input', () => {
  it('answers 1,500 malformed bodies with a 4xx and a message, never a 5xx or a throw, storing nothing', async () => {
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const stored: QueuedLead[] = [];
    const deps: LeadRequestDeps = {
      queue: recordingLeadQueue(stored).queue,
      spamQueue: recordingLeadQueue(stored).queue,
      forms: {
        'spring-webinar': {
          fields: ['email', 'firstName', 'company', 'phone'],
          requiredFields: ['email', 'firstName'],
          successPath: '/thanks/',
          pagePath: '/spring-webinar/',
        },
      },
      env: parseEnv(LeadIntakeEnvSchema, { SITE_URL: site }, 'fuzz'),
      now: () => 1_800_000_000_000,
      clientIp: '198.51.100.1',
      rateLimiter: { check: () => ({ allowed: true, retryAfterSeconds: 0 }) },
    };
    const seed = 20261103;
    const r = prng(seed);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1500; i += 1) {
      const request = randomRequest(r);
      const response = await handleLeadRequest(request, deps);
      const text = await response.text();
      const context = `seed ${seed}, case ${i}: ${response.status} ${text.slice(0, 200)}`;
      expect(response.status, context).toBeGreaterThanOrEqual(400);
      expect(response.status, context).toBeLessThan(500);
      const message = response.headers.get('content-type')?.startsWith('text/html')
        ? /<li>.+<\/li>/.test(text)
        : typeof JSON.parse(text).message === 'string';
      expect(message, context).toBe(true);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
    expect(stored).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Every kind of refusal was exercised, so the generator is not stuck in one corner.
    expect([...statuses.keys()].sort()).toEqual([400, 405, 413, 415]);
  });
});
