import { describe, expect, it } from 'vitest';
import { concurrencyFor, createDeliveryConcurrency } from '../../src/lib/delivery/delivery-concurrency.ts';
import { defaultClaimBatch } from '../../src/lib/delivery/delivery-worker.ts';

describe('in-flight CRM calls sized by pace × latency', () => {
  it('a CRM answering in 200 ms at 500/s needs 150 calls in flight (with headroom); at 10/s, three', () => {
    expect(concurrencyFor(500, 200, 1_000)).toBe(150);
    expect(concurrencyFor(10, 200, 1_000)).toBe(3);
  });

  it('never exceeds the configured ceiling, and keeps two in flight when the ceiling allows', () => {
    expect(concurrencyFor(2_000, 1_000, 64)).toBe(64);
    expect(concurrencyFor(0.01, 1, 64)).toBe(2);
    expect(concurrencyFor(0.01, 1, 1)).toBe(1);
  });

  it('starts from what the pace sends in 50 ms, at least four calls, never above the ceiling', () => {
    expect(createDeliveryConcurrency({ ratePerSecond: 10, ceiling: 500 }).limit()).toBe(4);
    expect(createDeliveryConcurrency({ ratePerSecond: 2_000, ceiling: 500 }).limit()).toBe(100);
    expect(createDeliveryConcurrency({ ratePerSecond: 2_000, ceiling: 40 }).limit()).toBe(40);
    // 2,000/s at 100 ms needs 300 in flight (with headroom): one round trip of answers doubles 100.
    const concurrency = createDeliveryConcurrency({ ratePerSecond: 2_000, ceiling: 500 });
    for (let call = 0; call < 100; call += 1) concurrency.observe(100, true);
    expect(concurrency.limit()).toBe(200);
  });

  it('starts with a few calls and grows by one per answered call up to pace × latency', () => {
    const concurrency = createDeliveryConcurrency({ ratePerSecond: 200, ceiling: 500 });
    expect(concurrency.limit()).toBe(10);
    for (let call = 0; call < 10; call += 1) concurrency.observe(1_000, true);
    expect(concurrency.limit()).toBe(20);
    for (let call = 0; call < 1_000; call += 1) concurrency.observe(100, true);
    expect(concurrency.latencyMs()).toBeCloseTo(100, 0);
    // 200/s × 0.1 s × 1.5 headroom
    expect(concurrency.limit()).toBe(30);
  });

  it('a CRM that slows because of our own calls is not sent more: sized by twice its unloaded latency', () => {
    const concurrency = createDeliveryConcurrency({ ratePerSecond: 200, ceiling: 500 });
    for (let call = 0; call < 100; call += 1) concurrency.observe(50, true);
    for (let call = 0; call < 20; call += 1) concurrency.observe(2_000, true);
    // About 200/s × 2 × 0.05 s × 1.5 = 30 (the unloaded latency drifts up a little), not 200/s × 2 s × 1.5 = 600
    expect(concurrency.limit()).toBeLessThanOrEqual(45);
  });

  it('follows a CRM that really got slower, up to the ceiling', () => {
    const concurrency = createDeliveryConcurrency({ ratePerSecond: 200, ceiling: 500 });
    for (let call = 0; call < 100; call += 1) concurrency.observe(50, true);
    for (let call = 0; call < 3_000; call += 1) concurrency.observe(2_000, true);
    expect(concurrency.limit()).toBe(500);
  });

  it('halves on each failure, so a CRM slowing under load is not sent more calls', () => {
    const concurrency = createDeliveryConcurrency({ ratePerSecond: 1_000, ceiling: 200 });
    for (let call = 0; call < 300; call += 1) concurrency.observe(500, true);
    expect(concurrency.limit()).toBe(200);
    concurrency.observe(2_000, false);
    expect(concurrency.limit()).toBe(100);
    concurrency.observe(2_000, false);
    concurrency.observe(2_000, false);
    expect(concurrency.limit()).toBe(25);
    // A timeout says nothing about how fast the CRM answers: the latency estimate keeps its value.
    expect(concurrency.latencyMs()).toBeCloseTo(500, 6);
  });

  it('claims a tenth of a second of pace at once (100 to 1,000), so one claim in flight keeps up', () => {
    expect(defaultClaimBatch(10)).toBe(100);
    expect(defaultClaimBatch(2_000)).toBe(200);
    expect(defaultClaimBatch(50_000)).toBe(1_000);
  });
});
