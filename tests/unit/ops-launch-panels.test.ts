import { describe, expect, it } from 'vitest';
import type { LaunchFacts } from '../../src/lib/ops/launch-facts.ts';
import { forecastPanel, launchPanels, outboxPanel, rebuildPanel } from '../../src/lib/ops/launch-panels.ts';
import { pausesPanel } from '../../src/lib/ops/pause-action.ts';

const calm: LaunchFacts = {
  forecast: { bundled: true, running: [], next: null },
  rebuild: { open: null, due: 0, pending: 0, failing: false, lastCall: null },
  outbox: { count: 0, oldestSeconds: null, sampled: 0 },
  content: { problems: [] },
  pauses: [],
};
const hostile = '<script>alert(1)</script>';
const ids = (html: string) =>
  [...html.matchAll(/<section class="panel" id="([^"]+)"/g)].map((match) => match[1]);

describe('launch panels', () => {
  it('list forecast, rebuilds, outbox, then content; a content error moves its panel first', () => {
    expect(launchPanels(calm).map(ids).flat()).toEqual([
      'panel-forecast',
      'panel-rebuild',
      'panel-outbox',
      'panel-content',
    ]);
    const problem = {
      severity: 'error',
      contentType: 'consentText',
      entryId: 'c1',
      entryName: hostile,
      locales: [],
      message: 'its privacy page is gone',
      pages: ['*'],
      instead: 'no form',
    };
    const panels = launchPanels({ ...calm, content: { problems: [problem] } });
    expect(ids(panels[0] ?? '')).toEqual(['panel-content']);
    expect(panels.join('')).not.toContain('<script>');
    expect(panels[0]).toContain('Pages: every page');
  });

  it('say what is missing instead of drawing nothing', () => {
    expect(forecastPanel({ bundled: false, running: [], next: null })).toContain('carries no launch tickets');
    const next = { key: 'spring', name: 'Spring', launchAt: '2027-03-01T08:00:00.000Z' };
    expect(forecastPanel({ bundled: true, running: [], next })).toContain(
      'No campaign is running. Next: Spring (spring) launches 2027-03-01 08:00 UTC.',
    );
    expect(launchPanels({ ...calm, content: undefined }).join('')).toContain('carries no content report');
    expect(rebuildPanel({ error: 'unknown (Error)' })).toContain('Could not read');
    expect(outboxPanel({ error: 'unknown (MissingBlobsEnvironmentError)' })).toContain('Could not count');
  });

  it('an outbox read in part says "at least"; a failed build hook call is marked', () => {
    expect(outboxPanel({ count: 120, oldestSeconds: 600, sampled: 50 })).toContain(
      '120 lead(s) wait for the database, the oldest at least 10 min old',
    );
    const failed = rebuildPanel({
      open: null,
      due: 1,
      pending: 0,
      failing: true,
      lastCall: {
        startedAt: Date.UTC(2026, 11, 7, 9, 5),
        ok: false,
        title: hostile,
        attempts: 3,
        lastResult: 'HTTP 500',
      },
    });
    expect(failed).toContain(
      'class="bad" id="rebuild-last-call">Last build hook call 09:05 UTC: failed (HTTP 500, 3 attempt(s))',
    );
    expect(failed).not.toContain('<script>');
  });

  it('pauses: each with its own confirmed resume form; keys escaped', () => {
    const html = pausesPanel([{ kind: 'form', key: hostile, pausedAt: Date.UTC(2026, 11, 7, 9, 0) }]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('name="action" value="resume"');
    expect(html.match(/name="confirm" value="yes" required/g)).toHaveLength(2);
  });
});
