import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { LeadIntakeEnvSchema, LeadSubmissionSchema } from '../../src/schemas/lead.ts';

const lead = {
  email: 'ada@example.com',
  formId: 'spring-webinar',
  pageSlug: 'spring-webinar',
  locale: 'en-US',
  consent: 'yes',
  consentVersion: 'form-home-demo:en-US:0f819c71f9d24e87',
};

const messages = (input: unknown) =>
  LeadSubmissionSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

describe('LeadSubmissionSchema', () => {
  it('accepts what the form posts, and true as consent from the script', () => {
    expect(LeadSubmissionSchema.safeParse(lead).success).toBe(true);
    expect(LeadSubmissionSchema.safeParse({ ...lead, consent: true }).success).toBe(true);
  });

  it('explains that consent is needed when the box is not ticked', () => {
    expect(messages({ ...lead, consent: 'no' })).toEqual([
      ['consent', 'tick the box to agree to the consent text: we cannot contact you without it'],
    ]);
    expect(messages({ ...lead, consent: undefined })?.[0]?.[0]).toBe('consent');
  });

  it("uses the field catalogue's limits and messages", () => {
    expect(messages({ ...lead, email: 'nope', firstName: 'x'.repeat(101), companySize: 'huge' })).toEqual([
      ['email', 'enter an email address like name@example.com'],
      ['firstName', 'use 100 characters or fewer'],
      ['companySize', 'choose a company size from the list'],
    ]);
  });

  it('treats a blank optional input as not filled in', () => {
    const parsed = LeadSubmissionSchema.parse({ ...lead, phone: '  ', idempotencyKey: '', fillMs: '' });
    expect(parsed.phone).toBeUndefined();
    expect(parsed.idempotencyKey).toBeUndefined();
  });

  it('reads fill times sent as digit strings by a form post', () => {
    expect(LeadSubmissionSchema.parse({ ...lead, fillMs: '4200', startedAt: 1700000000000 })).toMatchObject({
      fillMs: 4200,
      startedAt: 1700000000000,
    });
    expect(messages({ ...lead, fillMs: '-1' })).toEqual([['fillMs', 'must be a duration in milliseconds']]);
  });

  it('limits UTM values and referrers, and only takes http(s) referrers', () => {
    expect(
      messages({ ...lead, utm: { utm_source: 'x'.repeat(201) }, referrer: 'javascript:alert(1)' }),
    ).toEqual([
      ['utm.utm_source', 'use 200 characters or fewer'],
      ['referrer', 'must be an http(s) URL'],
    ]);
    expect(messages({ ...lead, referrer: `https://a.example/${'x'.repeat(2000)}` })).toEqual([
      ['referrer', 'use 2000 characters or fewer'],
    ]);
  });

  it('drops unknown keys, including __proto__ and constructor', () => {
    const input = JSON.parse(
      `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"extra":1}`,
    );
    const parsed = LeadSubmissionSchema.parse({ ...lead, ...input });
    expect(Object.keys(parsed).sort()).toEqual(Object.keys(lead).sort());
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('requires a UUID idempotency key when one is sent', () => {
    expect(messages({ ...lead, idempotencyKey: 'abc' })).toEqual([['idempotencyKey', 'must be a UUID']]);
  });
});

describe('LeadIntakeEnvSchema', () => {
  it('has working defaults outside production', () => {
    expect(parseEnv(LeadIntakeEnvSchema, {}, 'the lead function')).toEqual({
      ipHashSecret: 'floodgate-development-only-ip-hash-secret',
      formsClosed: [],
      rateLimitPerMinute: 10,
      minFillMs: 2500,
      enqueueTimeoutMs: 4000,
      siteUrl: 'http://localhost:8888',
      allowedOrigins: [],
    });
  });

  it('reads the kill switch, limits and origins', () => {
    const env = parseEnv(
      LeadIntakeEnvSchema,
      {
        LEADS_FORMS_CLOSED: ' spring-webinar , demo ,',
        LEADS_RATE_LIMIT_PER_MINUTE: '30',
        LEADS_ALLOWED_ORIGINS: 'https://promo.example/path',
        URL: 'https://floodgate.example',
        DEPLOY_URL: 'https://6770e1a2--floodgate.netlify.app',
        DEPLOY_PRIME_URL: 'https://deploy-preview-7--floodgate.netlify.app',
      },
      'x',
    );
    expect(env).toMatchObject({
      formsClosed: ['spring-webinar', 'demo'],
      rateLimitPerMinute: 30,
      allowedOrigins: [
        'https://promo.example',
        'https://6770e1a2--floodgate.netlify.app',
        'https://deploy-preview-7--floodgate.netlify.app',
      ],
      siteUrl: 'https://floodgate.example',
    });
  });

  it('names each bad variable, and needs the IP hash secret in production', () => {
    expect(() =>
      parseEnv(
        LeadIntakeEnvSchema,
        { CONTEXT: 'production', LEADS_MIN_FILL_MS: 'soon' },
        'the lead function',
      ),
    ).toThrowErrorMatchingInlineSnapshot(`
      [Error: Invalid environment for the lead function:
        - LEADS_MIN_FILL_MS: LEADS_MIN_FILL_MS must be a whole number
        - LEADS_IP_HASH_SECRET: is not set: production needs a secret of 32+ random characters to hash client IPs
      See .env.example for what each variable means.]
    `);
  });
});
