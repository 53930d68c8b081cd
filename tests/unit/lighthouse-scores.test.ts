import { describe, expect, it } from 'vitest';
import { medianScores, type LighthouseResult } from '../../bench/lib/lighthouse-scores.ts';

const run = (performance: number, lcp: number, lcpScore = 1): LighthouseResult => ({
  categories: {
    performance: { score: performance, auditRefs: [{ id: 'largest-contentful-paint', weight: 25 }] },
    accessibility: { score: 1, auditRefs: [{ id: 'color-contrast', weight: 7 }] },
    'best-practices': { score: 1, auditRefs: [] },
    seo: { score: null, auditRefs: [] },
  },
  audits: {
    'largest-contentful-paint': { title: 'Largest Contentful Paint', score: lcpScore, numericValue: lcp },
    'color-contrast': { title: 'Contrast', score: 1 },
  },
});

describe('medianScores', () => {
  it('reports each category’s median over the runs, the median LCP and what cost points', () => {
    expect(medianScores('/', [run(0.99, 2000, 0.97), run(1, 1500, 0.99), run(1, 1600)])).toEqual({
      path: '/',
      scores: { performance: 100, accessibility: 100, 'best-practices': 100 },
      lcpMs: 1600,
      below100: ['performance: Largest Contentful Paint (0.97)'],
    });
  });

  it('says when Lighthouse could not audit the page', () => {
    const failed = {
      ...run(0, 0),
      runtimeError: { code: 'ERRORED_DOCUMENT_REQUEST', message: 'status 404' },
    };
    expect(medianScores('/x/', [failed]).runtimeError).toBe('ERRORED_DOCUMENT_REQUEST: status 404');
  });
});
