import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatContentReport } from '../../src/lib/content/content-report.ts';
import { mapSite } from '../../src/lib/content/map-site.ts';
import { pagePath } from '../../src/lib/i18n/paths.ts';
import { buildTitle } from '../../src/lib/rebuild/build-title.ts';
import { CampaignSchema } from '../../src/schemas/campaign.ts';
import { contentModel } from '../../src/schemas/content-model.ts';
import { HrefSchema, SlugSchema } from '../../src/schemas/fields.ts';
import { RedirectSchema } from '../../src/schemas/redirect.ts';
import type { RebuildEvent } from '../../src/schemas/webhook-records.ts';
import { entry, entryOf, fixtureSpace, link } from '../fixtures/space.ts';

/** docs/marketers.md: every example it shows is produced or accepted by the code here. */
const guide = readFileSync('docs/marketers.md', 'utf8');
const code = (text: string) => expect(guide).toContain(`\`${text}\``);

describe('the marketer’s guide', () => {
  it('says where a slug puts a page, in both languages', () => {
    expect(SlugSchema.safeParse('spring-webinar').success).toBe(true);
    code(pagePath('spring-webinar', 'en-US'));
    code(pagePath('spring-webinar', 'de-DE'));
    expect(pagePath('home', 'en-US')).toBe('/');
  });

  it('shows button links and field ids the site accepts', () => {
    for (const href of ['/webinar/', '#signup', 'https://harbor.example/', 'mailto:hi@harbor.example'])
      expect(HrefSchema.safeParse(href).success).toBe(true);
    code('/webinar/');
    code('#signup');
    const fieldId = contentModel
      .find((type) => type.sys.id === 'formField')!
      .fields.find((field) => field.id === 'fieldId')!;
    const [validation] = fieldId.validations as Array<{ regexp: { pattern: string } }>;
    const pattern = new RegExp(validation?.regexp.pattern ?? '$^');
    for (const id of ['role', 'budget']) {
      expect(pattern.test(id)).toBe(true);
      code(id);
    }
  });

  it('names the content model’s own fields: new form fields go in Custom fields', () => {
    const leadForm = contentModel.find((type) => type.sys.id === 'leadForm')!;
    const names = leadForm.fields.map((field) => field.name);
    expect(names).toContain('Fields shown');
    expect(names.some((name) => name.startsWith('Custom fields'))).toBe(true);
    expect(guide).toContain('listed in **Custom fields**');
    expect(guide).not.toMatch(/lists its fields in \*\*Fields\*\*/);
  });

  it('gives a campaign key and rates a campaign accepts', () => {
    code('spring-webinar-2027');
    const campaign = CampaignSchema.safeParse({
      type: 'campaign',
      id: 'c',
      key: 'spring-webinar-2027',
      name: 'Spring webinar',
      launchAt: '2027-03-01T09:00+01:00',
      endAt: '2027-03-10T09:00+01:00',
      emailsSent: 50_000,
      emailVisitRate: 0.035,
      submitRate: 0.08,
      peakShare: 0.6,
      peakWindowMinutes: 60,
      targetPages: [{ type: 'pageRef', id: 'p', slug: 'spring-webinar', title: 'Spring webinar' }],
      forms: ['spring-webinar'],
      owner: 'Mia',
      contact: 'mia@harbor.example',
    });
    expect(campaign.error?.issues).toBeUndefined();
    for (const figure of ['0.035 for 3.5%', '0.08 for 8%', '0.6 and 60']) expect(guide).toContain(figure);
  });

  it('shows a redirect entry the site publishes, with its locale prefix', () => {
    const space = fixtureSpace();
    space.entries.push(
      entry('r-home', 'redirect', { from: '/home/', to: '/', status: 301 }),
      entry('r-de', 'redirect', { from: '/angebot/', to: '/offer/', locale: 'de-DE' }),
    );
    expect(
      RedirectSchema.safeParse({ type: 'redirect', id: 'r', from: '/home/', to: '/', status: 301 }).success,
    ).toBe(true);
    const rules = mapSite(space).site.redirects;
    expect(rules).toContainEqual({ from: '/home/', to: '/', status: 301, force: false });
    expect(rules).toContainEqual({ from: '/de/angebot/', to: '/de/offer/', status: 301, force: false });
    for (const example of ['/home/', '/', '/angebot/', 'de-DE', '/de/angebot/']) code(example);
  });

  it('quotes the deploy title the rebuild really gives', () => {
    const event = (
      entityId: string,
      contentType: string,
      label: string,
      receivedAt: number,
    ): RebuildEvent => ({
      id: `${entityId}-${receivedAt}`,
      receivedAt,
      topic: 'ContentManagement.Entry.publish',
      entityType: 'Entry',
      action: 'publish',
      entityId,
      contentType,
      label,
    });
    const title = buildTitle([
      event('page', 'landingPage', 'Spring webinar', 1),
      event('hero', 'hero', 'Spring hero', 2),
    ]);
    code(title);
    const repeated = buildTitle(
      [1, 2, 3, 4, 5].map((at) => event(at % 2 ? 'page' : 'hero', 'hero', 'x', at)),
    );
    expect(repeated).toMatch(/^Contentful: 5 changes to 2 entries: /);
    code('Contentful: 5 changes to 2 entries: …');
  });

  it('quotes the content report exactly as a build prints it', () => {
    const space = fixtureSpace();
    entryOf(space, 'settings').fields.legalNoticePage = { 'en-US': link('page-offer') };
    entryOf(space, 'page-offer').fields.title = { 'en-US': 'Spring webinar' };
    entryOf(space, 'page-offer').fields.slug = { 'en-US': 'spring-webinar' };
    entryOf(space, 'hero-home').fields.primaryCtaHref = { 'en-US': '/spring-webinar/' };
    space.entries.push(
      entry(
        '3xYz',
        'hero',
        { internalName: 'Spring hero', heading: 'Spring webinar' },
        {
          heading: { 'de-DE': 'x'.repeat(91) },
        },
      ),
    );
    entryOf(space, 'page-offer').fields.sections = { 'en-US': [link('3xYz'), link('faq-offer')] };
    const report = formatContentReport(mapSite(space).site.report).join('\n');
    const quoted = /```text\n([\s\S]*?)```/.exec(guide)?.[1] ?? '';
    expect(quoted.replace(/^ {3}/gm, '').trimEnd()).toBe(report);
  });
});
