import { describe, expect, it } from 'vitest';
import { achievedRate, dueAt, dueCount, quantile } from '../../bench/lib/pacing.ts';

describe("bench:leads' open-loop pacing (virtual time)", () => {
  it('sends exactly the asked rate: 362/s for 10 s is 3,620 requests, spread evenly', () => {
    const start = 1_000;
    expect(dueCount(start, start - 1, 362, 3_620)).toBe(0);
    expect(dueCount(start, start, 362, 3_620)).toBe(1);
    expect(dueCount(start, start + 1_000, 362, 3_620)).toBe(363);
    expect(dueCount(start, start + 60_000, 362, 3_620)).toBe(3_620);
    expect(dueAt(start, 362, 362)).toBe(start + 1_000);
  });

  it('does not catch up by bursting faster than asked after a stall: the due times stay fixed', () => {
    // A client stalled for 2 s sends what was due, never more: 2 s at 100/s is 201 requests.
    expect(dueCount(0, 2_000, 100, 10_000)).toBe(201);
  });

  it('reports the rate achieved over the time from the first due request to the last answer', () => {
    expect(achievedRate(3_620, 0, 10_000)).toBe(362);
    expect(achievedRate(3_620, 0, 20_000)).toBe(181);
    expect(achievedRate(5, 0, 0)).toBe(0);
  });

  it('takes quantiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile([], 0.5)).toBe(0);
  });
});
