import { describe, expect, it } from 'vitest';
import { concurrencyFor, createDeliveryConcurrency } from '../../src/lib/delivery/delivery-concurrency.ts';

describe('in-flight CRM calls sized by pace × latency', () => {
  it('a CRM answering in 200 ms at 500/s needs 150 calls in flight (with headroom); at 10/s, three', () => {
    expect(concurrencyFor(500, 200, 1_000)).toBe(150);
    expect(concurrencyFor(10, 200, 1_000)).toBe(3);
  });

  it('never exceeds the configured ceiling and never drops below one', () => {
    expect(concurrencyFor(2_000, 1_000, 64)).toBe(64);
    expect(concurrencyFor(0.01, 1, 64)).toBe(1);
  });

  it('follows the latency the CRM shows: slower answers need more calls in flight, up to the ceiling', () => {
    const concurrency = createDeliveryConcurrency({ ratePerSecond: 200, ceiling: 500, initialLatencyMs: 10 });
    expect(concurrency.limit()).toBe(3);
    for (let call = 0; call < 100; call += 1) concurrency.observe(100);
    expect(concurrency.latencyMs()).toBeCloseTo(100, 0);
    expect(concurrency.limit()).toBe(30);
    for (let call = 0; call < 100; call += 1) concurrency.observe(2_000);
    expect(concurrency.limit()).toBe(500);
  });
});
