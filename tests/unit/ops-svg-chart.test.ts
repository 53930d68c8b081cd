import { describe, expect, it } from 'vitest';
import { lineChart, niceMax } from '../../src/lib/ops/svg-chart.ts';

describe('server-rendered charts', () => {
  it('the y axis tops out at 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 7, 20, 21, 1_200].map(niceMax)).toEqual([1, 1, 10, 20, 50, 2_000]);
  });

  it('draws one line per series, labelled for screen readers, with every value in its table', () => {
    const svg = lineChart({
      id: 'c',
      title: 'Leads <per> minute',
      description: 'Accepted per minute.',
      labels: ['14:00', '14:01', '14:02'],
      series: [
        { name: 'Accepted', colour: '#1f77b4', values: [1, 5, 2] },
        { name: 'Pace', colour: '#7f7f7f', values: [4, 4, 4], dashed: true },
      ],
    });
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('role="img" aria-labelledby="c-title c-desc"');
    expect(svg).toContain('Leads &lt;per&gt; minute');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).not.toContain('style=');
    // Newest first in the table.
    expect(svg).toMatch(
      /<th scope="row">14:02<\/th><td>2<\/td><td>4<\/td>.*<th scope="row">14:00<\/th><td>1<\/td>/,
    );
  });
});
