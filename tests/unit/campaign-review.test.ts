import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readinessHtml } from '../../scripts/campaign-reports/readiness-html.ts';
import { readinessMarkdown } from '../../scripts/campaign-reports/readiness-markdown.ts';
import { assessCampaigns } from '../../src/lib/campaigns/assess-site.ts';
import { launchReviews } from '../../src/lib/campaigns/review/launch-reviews.ts';
import { newDataFields } from '../../src/lib/campaigns/review/new-data-fields.ts';
import { ticketHash } from '../../src/lib/campaigns/review/review-tickets.ts';
import {
  formsWithoutCampaign,
  untrackedFormLine,
  untrackedForms,
} from '../../src/lib/campaigns/review/untracked-forms.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { formConfigsFrom } from '../../src/lib/leads/form-configs.ts';
import { CampaignEnvSchema } from '../../src/schemas/campaign-env.ts';
import type { FormConfigMap } from '../../src/schemas/lead.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';

const site = mapSpace(SpaceExportSchema.parse(JSON.parse(readFileSync('content/space.json', 'utf8'))));
const forms = formConfigsFrom(site.pages);
const byKey = (key: string) => site.campaigns.find(({ campaign }) => campaign.key === key)!;
const now = Date.parse('2026-11-23T12:00:00Z');

const form = (fields: string[], pageSlugs: string[], custom: string[] = []): FormConfigMap[string] =>
  ({
    fields,
    requiredFields: [],
    customFields: custom.map((id) => ({ id })),
    pageSlugs,
  }) as unknown as FormConfigMap[string];

describe('new data fields of a launch', () => {
  it('are the fields its forms collect that no earlier form did', () => {
    // winter-sale-offer asks email, company, companySize, phone; demo-request (on the home page)
    // already asks email, company and companySize, so phone is the one new field.
    expect(newDataFields(byKey('winter-sale-2026'), forms)).toEqual({
      fields: ['phone'],
      undeclared: [],
    });
  });

  it('name those the ticket did not declare; a field another live form asks is not new', () => {
    // The webinar declares jobTitle and country; insights-early-access already asks jobTitle, and
    // the form's custom field `role` is on no other form and not on the ticket.
    expect(newDataFields(byKey('webinar-2026-12'), forms)).toEqual({
      fields: ['country', 'role'],
      undeclared: ['role'],
    });
  });

  it('count custom fields like presets', () => {
    const custom = { ...forms, 'winter-sale-offer': form(['email'], ['winter-sale'], ['shoeSize']) };
    expect(newDataFields(byKey('winter-sale-2026'), custom).fields).toEqual(['shoeSize']);
  });
});

describe('live forms without a launch ticket', () => {
  // The embedded newsletter (an always-on sign-up, no campaign) is the one live form without a ticket.
  const { newsletter, ...campaignForms } = forms;

  it('list the embedded newsletter form, which no launch ticket covers', () => {
    expect(newsletter).toBeDefined();
    expect(untrackedForms(forms, site.campaigns, now)).toEqual([
      { formId: 'newsletter', pageSlugs: ['newsletter'] },
    ]);
  });

  it('lists a form on a page no running or upcoming campaign covers', () => {
    const extra = { ...forms, newsletter: form(['email'], ['blog']) };
    expect(untrackedForms(extra, site.campaigns, now)).toEqual([
      { formId: 'newsletter', pageSlugs: ['blog'] },
    ]);
  });

  it('names the ticket of a campaign that has ended', () => {
    const after = Date.parse('2026-12-11T00:00:00Z'); // the webinar ended 2026-12-10 17:00
    const listed = untrackedForms(campaignForms, site.campaigns, after);
    expect(listed).toEqual([
      {
        formId: 'webinar-2026-12',
        pageSlugs: ['webinar-feedback-to-roadmap', 'webinar-vom-feedback-zur-roadmap'],
        endedTicket: { key: 'webinar-2026-12', endAt: '2026-12-10T17:00+01:00' },
      },
    ]);
    expect(untrackedFormLine(listed[0])).toBe(
      'form "webinar-2026-12" on page "webinar-feedback-to-roadmap", "webinar-vom-feedback-zur-roadmap" has no launch ticket (its campaign webinar-2026-12 ended 2026-12-10T17:00+01:00)',
    );
  });

  it('are listed in the readiness overview, Markdown and HTML, and only when there are some', () => {
    const listed = [{ formId: 'newsletter', pageSlugs: ['blog'] }];
    expect(readinessMarkdown([], now, listed)).toContain(
      '## Live forms without a launch ticket\n\n- form "newsletter" on page "blog" has no launch ticket',
    );
    expect(readinessHtml([], now, '', listed)).toContain(
      '<section id="untracked-forms"><h2>Live forms without a launch ticket</h2>',
    );
    expect(readinessMarkdown([], now)).not.toContain('without a launch ticket');
  });

  it('from the form rules alone (as a function has them): forms whose pages name no campaign', () => {
    // demo-request is on the home page, which no campaign entry is set on as its Campaign.
    expect(formsWithoutCampaign(campaignForms)).toEqual([{ formId: 'demo-request', pageSlugs: ['home'] }]);
  });

  it('lists none when every form is covered (the demo form is on a target page: home)', () => {
    expect(untrackedForms(campaignForms, site.campaigns, now)).toEqual([]);
  });
});

describe('the launch review message', () => {
  it('carries campaign, launch, volume, pages, verdict and new data fields, and no contact address', () => {
    const readinesses = assessCampaigns(site, [byKey('winter-sale-2026')], {
      evidence: { capacity: undefined, loadTests: [], problems: [] },
      env: CampaignEnvSchema.parse({}),
      now,
    });
    const [review] = launchReviews(site, readinesses);
    const body = JSON.stringify(review.message);
    expect(review.message.text).toMatch(
      /Launch review: .* \(winter-sale-2026\) is (GO|AT-RISK|NO-GO), launching 2026-12-01 08:00 UTC/,
    );
    expect(review.message.kind).toBe('launch-review');
    for (const part of [
      'Expected volume',
      'Target pages',
      '/winter-sale/',
      'New data fields',
      'phone',
      'winter-sale-offer',
    ])
      expect(body).toContain(part);
    expect(body).not.toContain(byKey('winter-sale-2026').campaign.contact);
  });

  it('hashes the ticket so that any change, and only a change, sends a new review', () => {
    const { campaign } = byKey('winter-sale-2026');
    expect(ticketHash({ ...campaign })).toBe(ticketHash(campaign));
    expect(ticketHash({ ...campaign, submitRate: campaign.submitRate + 0.01 })).not.toBe(
      ticketHash(campaign),
    );
    const reordered = Object.fromEntries(Object.entries(campaign).reverse()) as typeof campaign;
    expect(ticketHash(reordered)).toBe(ticketHash(campaign));
  });
});
