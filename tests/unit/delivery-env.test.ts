import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { deliveryDutyCycle, DeliveryEnvSchema, HealthEnvSchema } from '../../src/schemas/delivery-env.ts';

const parse = (env: Record<string, string>) => parseEnv(DeliveryEnvSchema, env, 'the delivery worker');
const secret = 'x'.repeat(32);

describe('delivery environment', () => {
  it('has working defaults outside production', () => {
    expect(parse({})).toMatchObject({
      LEADS_DELIVERY_RATE: 10,
      LEADS_DELIVERY_BURST: 10,
      LEADS_DELIVERY_CONCURRENCY: 200,
      LEADS_DELIVERY_MAX_ATTEMPTS: 10,
      LEADS_DELIVERY_TIMEOUT_MS: 8_000,
      LEADS_DELIVERY_TIME_BUDGET_MS: 18_000,
      LEADS_RETENTION_DAYS: 7,
    });
  });

  it('takes a fractional rate, for CRMs that take less than one lead a second', () => {
    expect(parse({ LEADS_DELIVERY_RATE: '0.5' }).LEADS_DELIVERY_RATE).toBe(0.5);
  });

  it('names each bad variable and says what it expects', () => {
    expect(() =>
      parse({ LEADS_DELIVERY_RATE: 'fast', LEADS_DELIVERY_CONCURRENCY: '0', CRM_WEBHOOK_URL: 'crm' }),
    ).toThrowErrorMatchingInlineSnapshot(`
      [Error: Invalid environment for the delivery worker:
        - LEADS_DELIVERY_RATE: LEADS_DELIVERY_RATE must be a number
        - LEADS_DELIVERY_CONCURRENCY: LEADS_DELIVERY_CONCURRENCY must be between 1 and 5000
        - CRM_WEBHOOK_URL: CRM_WEBHOOK_URL must be an http(s) URL such as https://crm.example.com/hooks/leads
      See .env.example for what each variable means.]
    `);
  });

  it('requires the CRM URL and a real secret in production', () => {
    expect(() => parse({ CONTEXT: 'production' })).toThrow(
      /CRM_WEBHOOK_SECRET: is not set[\s\S]*CRM_WEBHOOK_URL: is not set/,
    );
    expect(() =>
      parse({
        CONTEXT: 'production',
        CRM_WEBHOOK_URL: 'https://crm.example.com/h',
        CRM_WEBHOOK_SECRET: 'short',
      }),
    ).toThrow(/at least 32 characters/);
    expect(
      parse({
        CONTEXT: 'production',
        CRM_WEBHOOK_URL: 'https://crm.example.com/h',
        CRM_WEBHOOK_SECRET: secret,
      }).CRM_WEBHOOK_SECRET,
    ).toBe(secret);
  });

  it('keeps a run inside the scheduled function limit of 30 s', () => {
    expect(() =>
      parse({ LEADS_DELIVERY_TIME_BUDGET_MS: '20000', LEADS_DELIVERY_TIMEOUT_MS: '10000' }),
    ).toThrow(/LEADS_DELIVERY_TIME_BUDGET_MS: plus LEADS_DELIVERY_TIMEOUT_MS must stay under 27 s/);
  });

  it('reports the share of each 10-minute schedule interval a scheduled worker drains', () => {
    expect(deliveryDutyCycle(parse({ LEADS_DELIVERY_CONTINUOUS: 'false' }))).toBeCloseTo(0.03);
  });

  it('the health endpoint needs only its token, whatever the CRM settings', () => {
    expect(parseEnv(HealthEnvSchema, { CONTEXT: 'production' }, 'health')).toEqual({});
    expect(() => parseEnv(HealthEnvSchema, { LEADS_HEALTH_TOKEN: 'short' }, 'health')).toThrow(/at least 24/);
  });
});
