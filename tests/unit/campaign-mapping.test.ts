import { consentWithoutPrivacyPage } from '../../src/lib/consent/privacy-link-problems.ts';
import { describe, expect, it } from 'vitest';
import { ContentValidationError } from '../../src/lib/content/content-validation-error.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { campaignSpace } from '../fixtures/campaign-space.ts';
import { link } from '../fixtures/space.ts';

describe('campaigns in the content', () => {
  it('are mapped with their target pages as references', () => {
    const [mapped] = mapSpace(campaignSpace()).campaigns;
    expect(mapped?.campaign).toMatchObject({
      type: 'campaign',
      key: 'winter-offer-2026',
      launchAt: '2026-12-01T09:00+01:00',
      targetPages: [{ type: 'pageRef', slug: 'offer' }],
      forms: ['winter-offer'],
    });
    expect(mapped?.unpublishedTargetPageIds).toEqual([]);
  });

  it('give the landing page that references them a reference without the contact details', () => {
    const offer = mapSpace(campaignSpace()).pages.find((page) => page.path === '/de/offer/')!;
    expect(offer.page.campaign).toEqual({
      type: 'campaign',
      id: 'campaign-winter-offer',
      key: 'winter-offer-2026',
      name: 'Winter offer 2026',
    });
  });

  it('record a target page that is not published instead of failing the build', () => {
    const site = mapSpace(campaignSpace({ targetPages: [link('page-offer'), link('page-draft')] }));
    expect(site.campaigns[0]?.unpublishedTargetPageIds).toEqual(['page-draft']);
    expect(site.campaigns[0]?.campaign.targetPages.map((page) => page.slug)).toEqual(['offer']);
    expect(site.warnings.join('\n')).toContain(
      'targetPages [en-US, de-DE]: skipped a link to entry page-draft',
    );
  });

  it('are a readiness finding in the content report, naming the campaign and the page, when a target page cannot be opened', () => {
    const site = mapSpace(campaignSpace({ targetPages: [link('page-offer'), link('page-draft')] }));
    expect(site.report.problems).toContainEqual(
      expect.objectContaining({
        severity: 'readiness',
        entryName: 'Winter offer 2026',
        field: 'targetPages',
        message: expect.stringMatching(/^target page page-draft is missing or not published/),
      }),
    );
    expect(
      mapSpace(campaignSpace()).report.problems.filter(
        // The fixture site has neither a legal notice nor a privacy page for its form's consent text.
        (problem) => problem.field !== 'legalNoticePage' && problem.kind !== consentWithoutPrivacyPage,
      ),
    ).toEqual([]);
  });

  it('fail the build, naming the field, when a number is out of range', () => {
    expect(() => mapSpace(campaignSpace({ submitRate: 8 }))).toThrow(ContentValidationError);
    expect(() => mapSpace(campaignSpace({ submitRate: 8 }))).toThrow(/submitRate.*between 0 and 1/);
  });

  it('need a time zone on the launch time', () => {
    expect(() => mapSpace(campaignSpace({ launchAt: '2026-12-01T09:00' }))).toThrow(/launchAt.*time zone/);
  });
});
