import { describe, expect, it } from 'vitest';
import { valueAxis } from '../../scripts/campaign-reports/chart-axis.ts';

describe('valueAxis', () => {
  it('is linear from zero when the values are of one order of magnitude', () => {
    const axis = valueAxis([2.4, 7.2, 18, 0], 'leads per second');
    expect(axis).toMatchObject({ type: 'linear', beginAtZero: true, title: { text: 'leads per second' } });
    expect(axis.ticks).toMatchObject({ maxRotation: 0, autoSkip: true });
  });

  it('switches to a log scale between whole powers of ten when the range needs it', () => {
    const axis = valueAxis([0.35, 1.05, 1840, 50], 'leads per second');
    expect(axis).toMatchObject({
      type: 'logarithmic',
      min: 0.1,
      max: 10_000,
      title: { text: 'leads per second (log scale)' },
    });
  });

  it('stays linear with fewer than two positive values', () => {
    expect(valueAxis([0, 12], 'x').type).toBe('linear');
    expect(valueAxis([], 'x').type).toBe('linear');
  });
});
