import { describe, expect, it } from 'vitest';
import { createSubmissionFactory, formTargets } from '../../scripts/loadtest/lead-submissions.ts';
import { loadTargetFor } from '../../scripts/loadtest/load-target.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { validateLead } from '../../src/lib/leads/validate-lead.ts';
import { formConfigsFrom } from '../../src/lib/leads/form-configs.ts';
import { freeTexts } from '../../src/lib/leads/free-texts.ts';
import { checkSpam } from '../../src/lib/leads/spam-check.ts';
import { campaignSpace } from '../fixtures/campaign-space.ts';

const site = mapSpace(campaignSpace());
let counter = 0;
const factory = () =>
  createSubmissionFactory({
    forms: formTargets(site.pages, ['winter-offer'], site.settings),
    runId: 'run1',
    campaignKey: 'winter-offer-2026',
    random: Math.random,
    uuid: () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
    now: () => Date.parse('2026-12-01T08:00:00Z'),
  });

describe('load test submissions', () => {
  it('are valid leads for their form, and pass the spam checks as a person would', () => {
    const next = factory();
    for (let index = 0; index < 50; index++) {
      const { body } = next();
      const checked = validateLead(body, formConfigsFrom(site.pages));
      expect(checked.ok).toBe(true);
      if (!checked.ok) continue;
      const verdict = checkSpam({
        website: undefined,
        fillMs: checked.lead.fillMs,
        startedAt: checked.lead.startedAt,
        scripted: true,
        minFillMs: 2500,
        now: Date.parse('2026-12-01T08:00:00Z'),
        repeats: 0,
        texts: freeTexts(checked.fields, checked.form),
      });
      expect(verdict).toEqual({ verdict: 'ok', score: 0, signals: [] });
    }
  });

  it('carry a unique email and idempotency key, and the run id in utm_content', () => {
    const next = factory();
    const [first, second] = [next(), next()];
    expect(first.email).not.toBe(second.email);
    expect(first.idempotencyKey).not.toBe(second.idempotencyKey);
    expect(first.body).toMatchObject({
      formId: 'winter-offer',
      pageSlug: 'offer',
      consent: true,
      utm: { utm_campaign: 'winter-offer-2026', utm_content: 'run1' },
    });
  });

  it("target the campaign's pages in every locale at its peak rates × scale", () => {
    const target = loadTargetFor(site, site.campaigns[0], { scale: 2 });
    expect(target.pagePaths).toEqual(['/offer/', '/de/offer/']);
    expect(target.rates.leadsPerSecond).toBeCloseTo(2 * Math.log(2), 9);
    expect(target.rates.pageViewsPerSecond).toBeCloseTo(20 * Math.log(2), 9);
    expect(target.forms.map((form) => form.formId)).toEqual(['winter-offer']);
  });

  it('take an explicit lead rate over the campaign, with ten page views per lead', () => {
    const target = loadTargetFor(site, undefined, { scale: 1, rate: 3 });
    expect(target.rates).toEqual({ leadsPerSecond: 3, pageViewsPerSecond: 30 });
    expect(target.pagePaths).toEqual(['/offer/', '/de/offer/']);
  });
});
