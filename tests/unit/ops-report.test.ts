import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/lib/campaigns/outcome/html-report.ts';
import { readUntrackedForms, untrackedFormsPanel } from '../../src/lib/ops/untracked-forms-panel.ts';
import { reportHref, reportPanel } from '../../src/lib/ops/report-links.ts';
import { OpsReportQuerySchema } from '../../src/schemas/ops-report-query.ts';
import type { LaunchForecast, LaunchTicket } from '../../src/schemas/launch-forecast.ts';
import type { FormConfigMap } from '../../src/schemas/lead.ts';

const ticket = (key: string, endAt: string, forms: string[], pages: string[]): LaunchTicket => ({
  type: 'campaign',
  id: `id-${key}`,
  key,
  name: `Campaign ${key}`,
  launchAt: '2026-12-01T09:00Z',
  endAt,
  submitRate: 0.05,
  peakShare: 0.6,
  peakWindowMinutes: 60,
  otherVisits: 1_000,
  forms,
  newDataFields: [],
  targetPages: pages.map((slug) => ({ slug })),
});
const forecastOf = (t: LaunchTicket | undefined, key = t?.key ?? 'old'): LaunchForecast => ({
  key,
  name: key,
  launchAt: '2026-12-01T09:00:00.000Z',
  endAt: '2026-12-10T16:00:00.000Z',
  forms: t?.forms ?? [],
  peakLeadsPerSecond: 1,
  timeConstantSeconds: 600,
  leadsSource: 'model',
  ...(t ? { ticket: t } : {}),
});
const rule = (pageSlugs: string[]) => ({ pageSlugs, fields: [] }) as unknown as FormConfigMap[string];
const rules: FormConfigMap = {
  'webinar-form': rule(['webinar']),
  newsletter: rule(['newsletter']),
  'sale-form': rule(['sale']),
};
const webinar = ticket('webinar-2026-12', '2026-12-10T17:00+01:00', ['webinar-form'], ['webinar']);
const sale = ticket('sale-2026', '2026-12-31T23:59+01:00', ['sale-form'], ['sale']);
const sources = (forecasts: LaunchForecast[] | undefined, formRules: FormConfigMap | null = rules) => ({
  forecasts: () => Promise.resolve(forecasts),
  formRules: () => Promise.resolve(formRules ?? undefined),
});

describe('live forms without a launch ticket on /ops/', () => {
  it('lists forms no current ticket covers, naming the ticket that ended, as of the clock given', async () => {
    const before = Date.parse('2026-12-05T00:00Z');
    const after = Date.parse('2026-12-11T00:00Z');
    const bundle = sources([forecastOf(webinar), forecastOf(sale)]);
    expect(await readUntrackedForms(bundle, before)).toEqual({
      bundled: true,
      forms: [{ formId: 'newsletter', pageSlugs: ['newsletter'] }],
    });
    const later = await readUntrackedForms(bundle, after);
    expect(later.forms.map((form) => form.formId)).toEqual(['newsletter', 'webinar-form']);
    const html = untrackedFormsPanel(later);
    expect(html).toContain(
      '<strong>webinar-form</strong> on page webinar; its ticket webinar-2026-12 ended 2026-12-10 16:00 UTC',
    );
    expect(html).toContain('Add a launch ticket (a Campaign entry) in Contentful');
  });

  it('says so, rather than listing every form, when the bundle lacks the rules or the tickets', async () => {
    const now = Date.parse('2026-12-05T00:00Z');
    expect(await readUntrackedForms(sources(undefined), now)).toEqual({ bundled: false, forms: [] });
    expect(await readUntrackedForms(sources([forecastOf(sale)], null), now)).toEqual({
      bundled: false,
      forms: [],
    });
    // A forecasts file from a build before the tickets were carried.
    const old = await readUntrackedForms(sources([forecastOf(undefined)]), now);
    expect(old).toEqual({ bundled: false, forms: [] });
    expect(untrackedFormsPanel(old)).toContain('build the site first');
    expect(untrackedFormsPanel({ bundled: true, forms: [] })).toContain('Every live form is on a page');
  });

  it('escapes what it shows', () => {
    const html = untrackedFormsPanel({ bundled: true, forms: [{ formId: '<b>x</b>', pageSlugs: ['a'] }] });
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});

describe('the report query and links', () => {
  it('parses campaign, from and to; a blank field is no value; errors name the parameter', () => {
    expect(OpsReportQuerySchema.parse({ campaign: 'sale-2026', from: '2026-12-07T18:00Z', to: '' })).toEqual({
      campaign: 'sale-2026',
      from: Date.parse('2026-12-07T18:00Z'),
    });
    expect(OpsReportQuerySchema.parse({ campaign: '' })).toEqual({});
    const bad = (query: Record<string, string>) => OpsReportQuerySchema.safeParse(query).error?.issues[0];
    expect(bad({ from: 'soon' })).toMatchObject({
      path: ['from'],
      message: expect.stringContaining('date and time'),
    });
    expect(bad({ to: 'x'.repeat(41) })).toMatchObject({ path: ['to'] });
    expect(bad({ campaign: 'a b' })).toMatchObject({ path: ['campaign'] });
    expect(bad({ from: '2026-12-08T00:00Z', to: '2026-12-07T00:00Z' })).toMatchObject({
      path: ['from'],
      message: 'must be before to',
    });
  });

  it('links each ticket newest launch first, and carries the window into JSON and CSV links', () => {
    expect(
      reportHref('/ops/report.csv', { campaign: 'sale-2026', from: Date.parse('2026-12-07T18:00Z') }),
    ).toBe('/ops/report.csv?campaign=sale-2026&from=2026-12-07T18%3A00%3A00.000Z');
    expect(reportHref('/ops/report/', {})).toBe('/ops/report/');
    const later = { ...sale, launchAt: '2026-12-20T09:00Z' };
    const html = reportPanel([webinar, later]);
    expect(html.indexOf('campaign=sale-2026')).toBeLessThan(html.indexOf('campaign=webinar-2026-12'));
    expect(html).toContain('href="/ops/report.json"');
  });
});

describe('the report renderer', () => {
  const report = { title: 'Campaign outcome', subtitle: 's', sections: [] };

  it('inlines Chart.js and its styles for a file, and links them for a page served under a CSP', () => {
    const file = renderHtmlReport({ ...report, chartJs: 'window.Chart = 1;' });
    expect(file).toContain('<script>window.Chart = 1;</script>');
    expect(file).toContain('<style>');
    const served = renderHtmlReport({
      ...report,
      chartJs: { chartJsSrc: '/c.js', stylesheetHref: '/r.css', bootstrapSrc: '/r.js' },
      intro: '<p id="intro"></p>',
    });
    expect(served).not.toMatch(/<script>|<style>/);
    expect(served).toContain('<link rel="stylesheet" href="/r.css">');
    expect(served).toContain('<script src="/c.js"></script>');
    expect(served).toContain('<p id="intro"></p>');
  });
});
