import { describe, expect, it } from 'vitest';
import { clearsAtIso, clearsBy, clearsBySentence } from '../../src/lib/ops/clears-by.ts';

const now = Date.UTC(2026, 11, 7, 14, 0, 0);

describe('backlog clears by', () => {
  it('an empty queue is clear now', () => {
    const estimate = clearsBy({ now, depth: 0, deliveredPerMinute: 0, intakePerMinute: 50 });
    expect(estimate).toEqual({ state: 'clear' });
    expect(clearsAtIso(estimate, now)).toBe('2026-12-07T14:00:00.000Z');
    expect(clearsBySentence(estimate)).toBe('Queue is clear');
  });

  it('divides the depth by the net drain: 600 queued, 100 delivered and 40 arriving a minute → 10 min', () => {
    const estimate = clearsBy({ now, depth: 600, deliveredPerMinute: 100, intakePerMinute: 40 });
    expect(estimate).toMatchObject({ state: 'clearing', minutes: 10 });
    expect(clearsAtIso(estimate, now)).toBe('2026-12-07T14:10:00.000Z');
    expect(clearsBySentence(estimate)).toBe('Backlog clears by 14:10 UTC');
  });

  it('rounds up to the next second, never promising earlier than the arithmetic', () => {
    const estimate = clearsBy({ now, depth: 1, deliveredPerMinute: 7, intakePerMinute: 0 });
    expect(estimate.state === 'clearing' && estimate.at).toBe(now + 8_572);
  });

  it('intake keeping up with or outrunning delivery is "not clearing" with no time', () => {
    for (const intake of [100, 250]) {
      const estimate = clearsBy({ now, depth: 5_000, deliveredPerMinute: 100, intakePerMinute: intake });
      expect(estimate.state).toBe('not-clearing');
      expect(clearsAtIso(estimate, now)).toBeNull();
      expect(clearsBySentence(estimate)).toMatch(/^Backlog not clearing/);
    }
  });

  it('nothing delivered at all (breaker open) with a backlog is not clearing', () => {
    expect(clearsBy({ now, depth: 3, deliveredPerMinute: 0, intakePerMinute: 0 }).state).toBe('not-clearing');
  });
});
