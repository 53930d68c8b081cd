import { describe, expect, it } from 'vitest';
import { drainTimeBudgetMs } from '../../src/lib/delivery/time-budget.ts';
import { DeliveryEnvSchema, SCHEDULED_FUNCTION_LIMIT_MS } from '../../src/schemas/delivery-env.ts';

describe('the drain budget follows the function it runs in', () => {
  const env = DeliveryEnvSchema.parse({});

  it('the background drainer claims for minutes, finishing its last calls within 15 minutes', () => {
    const budget = drainTimeBudgetMs('background', env);
    expect(budget).toBeGreaterThanOrEqual(10 * 60_000);
    expect(budget + env.LEADS_DELIVERY_TIMEOUT_MS).toBeLessThan(15 * 60_000);
  });

  it('the scheduled safety net stays under 30 s with its last call', () => {
    const budget = drainTimeBudgetMs('scheduled', env);
    expect(budget + env.LEADS_DELIVERY_TIMEOUT_MS).toBeLessThan(SCHEDULED_FUNCTION_LIMIT_MS);
    const slowCrm = DeliveryEnvSchema.parse({
      LEADS_DELIVERY_TIMEOUT_MS: '25000',
      LEADS_DELIVERY_TIME_BUDGET_MS: '1000',
    });
    expect(drainTimeBudgetMs('background', slowCrm) + 25_000).toBeLessThan(15 * 60_000);
  });

  it('takes a pace over 1,000/s and a concurrency ceiling over 100', () => {
    const fast = DeliveryEnvSchema.parse({ LEADS_DELIVERY_RATE: '5000', LEADS_DELIVERY_CONCURRENCY: '1000' });
    expect(fast.LEADS_DELIVERY_RATE).toBe(5_000);
    expect(fast.LEADS_DELIVERY_CONCURRENCY).toBe(1_000);
  });
});
