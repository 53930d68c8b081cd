import { describe, expect, it } from 'vitest';
import { consentWithoutPrivacyPage } from '../../src/lib/consent/privacy-link-problems.ts';
import { formatContentReport, type ContentProblem } from '../../src/lib/content/content-report.ts';
import { ContentValidationError } from '../../src/lib/content/content-validation-error.ts';
import { previousSlugsOf, withRenamedSlugs } from '../../src/lib/content/last-good.ts';
import { mapSite } from '../../src/lib/content/map-site.ts';
import type { SpaceEntry } from '../../src/schemas/space-export.ts';
import { entry, entryOf, fixtureSpace, link } from '../fixtures/space.ts';

const paths = (site: ReturnType<typeof mapSite>['site']) => site.pages.map((page) => page.path).sort();
/**
 * The report without the errors every fixture site has: no legal notice page, and no privacy page
 * for its form's consent text (tests/unit/consent-texts.test.ts covers that one).
 */
const problemsOf = (site: ReturnType<typeof mapSite>['site']) =>
  withoutConsentErrors(site.report.problems).filter((problem) => problem.field !== 'legalNoticePage');
const withoutConsentErrors = (problems: ContentProblem[]) =>
  problems.filter((problem) => problem.kind !== consentWithoutPrivacyPage);

describe('mapSite: a broken entry is isolated', () => {
  it('leaves a broken section out of its page and builds the rest, naming the section once', () => {
    const space = fixtureSpace();
    delete entryOf(space, 'faq-1').fields.answer;
    const { site } = mapSite(space);
    expect(paths(site)).toEqual(['/', '/de/', '/de/offer/', '/offer/']);
    const offer = site.pages.find((page) => page.path === '/offer/')!;
    expect(offer.page.sections.map((section) => section.type)).toEqual(['leadForm']);
    expect(problemsOf(site)).toEqual([
      {
        severity: 'error',
        contentType: 'faqItem',
        entryId: 'faq-1',
        entryName: 'Is there a free trial?',
        field: 'answer',
        locales: ['en-US', 'de-DE'],
        message: 'is required: fill it in',
        pages: ['/offer/', '/de/offer/'],
        instead: 'faq "Offer FAQ" is left out of landingPage "Offer" (sections)',
      },
    ]);
  });

  it('leaves out a page whose own field is wrong, and the links to it, and says visitors get the 404', () => {
    const space = fixtureSpace();
    entryOf(space, 'page-offer').fields.seoTitle = { 'en-US': 'x'.repeat(80) };
    const { site } = mapSite(space);
    expect(paths(site)).toEqual(['/', '/de/']);
    // The navigation link and the hero button to the page are gone with it.
    expect(site.settings['en-US'].navigation).toEqual([]);
    expect(site.pages[0]?.page.sections[0]).not.toHaveProperty('primaryCtaHref');
    const errors = problemsOf(site).filter((problem) => problem.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        entryId: 'page-offer',
        field: 'seoTitle',
        pages: ['/offer/', '/de/offer/'],
        instead:
          'nothing: the page is not published in these locales (visitors get the 404 page), and links to it are left out',
      }),
    ]);
  });

  it('drops only the locale whose translation is broken, and the alternates pointing at it', () => {
    const space = fixtureSpace();
    entryOf(space, 'page-offer').fields.seoTitle = { 'en-US': 'Offer', 'de-DE': 'x'.repeat(80) };
    const { site } = mapSite(space);
    expect(paths(site)).toEqual(['/', '/de/', '/offer/']);
    const offer = site.pages.find((page) => page.path === '/offer/')!;
    expect(offer.alternates.map((alternate) => alternate.path)).toEqual(['/offer/']);
  });

  it('leaves a broken navigation link out of the navigation of every page', () => {
    const space = fixtureSpace();
    entryOf(space, 'settings').fields.navigation = { 'en-US': [link('nav-offer'), link('nav-bad')] };
    space.entries.push(entry('nav-bad', 'link', { url: 'https://harbor.example/' }));
    const { site } = mapSite(space);
    expect(site.settings['de-DE'].navigation.map((item) => item.label)).toEqual(['Angebot']);
    expect(problemsOf(site)).toEqual([
      expect.objectContaining({
        entryId: 'nav-bad',
        field: 'label',
        pages: ['*'],
        instead: 'link "nav-bad" is left out of siteSettings "Harbor" (navigation)',
      }),
    ]);
  });

  it('shows the last good version of a broken entry when the previous build kept one', () => {
    const good = fixtureSpace();
    const lastGood = new Map<string, SpaceEntry>(
      mapSite(good).goodEntries.map((kept) => [kept.sys.id, kept]),
    );
    const space = fixtureSpace();
    entryOf(space, 'hero-home').fields.heading = { 'en-US': 'x'.repeat(100) };
    const { site, goodEntries } = mapSite(space, { lastGood });
    const hero = site.pages.find((page) => page.path === '/')!.page.sections[0];
    expect(hero).toMatchObject({ heading: 'Every piece of feedback, in one inbox' });
    expect(problemsOf(site)).toEqual([
      expect.objectContaining({
        entryId: 'hero-home',
        field: 'heading',
        pages: ['/', '/de/'],
        instead: 'the last good version of this entry, from an earlier publish',
      }),
    ]);
    // The broken version never becomes the last good one.
    expect(goodEntries.find((kept) => kept.sys.id === 'hero-home')?.fields.heading).toEqual(
      entryOf(good, 'hero-home').fields.heading,
    );
  });

  it('reports a campaign whose target pages are gone as a readiness finding, once, and builds', () => {
    const space = fixtureSpace();
    space.entries.push(
      entry('campaign-gone', 'campaign', {
        key: 'spring-2027',
        name: 'Spring 2027',
        launchAt: '2027-03-01T09:00+01:00',
        endAt: '2027-03-31T09:00+01:00',
        otherVisits: 1000,
        submitRate: 0.05,
        peakShare: 0.5,
        peakWindowMinutes: 60,
        targetPages: [link('page-retired')],
        forms: ['winter-offer'],
        owner: 'Mia',
        contact: 'mia@harbor.example',
      }),
    );
    // The page the campaign drives traffic to still builds, without its campaign.
    entryOf(space, 'page-offer').fields.campaign = { 'en-US': link('campaign-gone') };
    const { site } = mapSite(space);
    expect(paths(site)).toHaveLength(4);
    expect(problemsOf(site)).toEqual([
      expect.objectContaining({
        severity: 'readiness',
        entryId: 'campaign-gone',
        field: 'targetPages',
        pages: [],
      }),
    ]);
  });

  it('still stops the build when no page can be built: the site settings are broken', () => {
    const space = fixtureSpace();
    entryOf(space, 'settings').fields.brandInk = { 'en-US': '#12' };
    expect(() => mapSite(space)).toThrow(ContentValidationError);
  });

  it('puts a missing legal notice at the head of the report of a site with a German version', () => {
    const space = fixtureSpace();
    delete entryOf(space, 'faq-1').fields.answer;
    const [first] = withoutConsentErrors(mapSite(space).site.report.problems);
    expect(first).toMatchObject({
      severity: 'error',
      entryId: 'settings',
      field: 'legalNoticePage',
      locales: ['de-DE'],
      pages: ['*'],
    });
    entryOf(space, 'settings').fields.legalNoticePage = { 'en-US': link('page-offer') };
    const { site } = mapSite(space);
    expect(withoutConsentErrors(site.report.problems).map((problem) => problem.field)).toEqual(['answer']);
    expect(site.settings['de-DE'].legalNoticePage).toMatchObject({ slug: 'offer' });
  });

  it('prints the report without stack traces, each problem with its pages and what shows instead', () => {
    const space = fixtureSpace();
    delete entryOf(space, 'faq-1').fields.answer;
    const { report } = mapSite(space).site;
    const lines = formatContentReport({ problems: problemsOf({ report } as never) }).join('\n');
    expect(lines).toMatchInlineSnapshot(`
      "Content report: 1 error, 0 warnings, 0 campaign findings
        Error: faqItem "Is there a free trial?" (faq-1) › answer [en-US, de-DE]: is required: fill it in
          Pages: /offer/, /de/offer/
          The site shows instead: faq "Offer FAQ" is left out of landingPage "Offer" (sections)"
    `);
  });
});

describe('mapSite: redirects', () => {
  const rules = (space = fixtureSpace()) =>
    mapSite(space).site.redirects.map(
      (rule) => `${rule.from} ${rule.to} ${rule.status}${rule.force ? '!' : ''}`,
    );

  it('sends a slug typed under the other locale prefix to the page, and /index.html to the canonical address', () => {
    const space = fixtureSpace();
    entryOf(space, 'page-offer').fields.slug = { 'en-US': 'offer', 'de-DE': 'angebot' };
    expect(rules(space)).toEqual([
      '/index.html / 301!',
      '/offer/index.html /offer/ 301!',
      '/de/index.html /de/ 301!',
      '/de/angebot/index.html /de/angebot/ 301!',
      '/angebot/ /offer/ 301',
      '/de/offer/ /de/angebot/ 301',
      '/de/* /de/404/ 404',
    ]);
  });

  it('publishes a marketer’s redirect, and leaves out one that loops, chains or hides a live page', () => {
    const space = fixtureSpace();
    const redirect = (id: string, from: string, to: string, more: Record<string, unknown> = {}) =>
      entry(id, 'redirect', { from, to, ...more });
    space.entries.push(
      redirect('r-old-home', '/home/', '/'),
      redirect('r-loop', '/loop/', '/loop'),
      redirect('r-chain', '/older/', '/home/'),
      redirect('r-shadow', '/offer/', '/'),
      redirect('r-german', '/angebot-alt/', '/offer/', { locale: 'de-DE', status: 302 }),
    );
    const { site } = mapSite(space);
    expect(site.redirects.filter((rule) => !rule.force && rule.status !== 404)).toEqual([
      { from: '/home/', to: '/', status: 301, force: false },
      { from: '/de/angebot-alt/', to: '/de/offer/', status: 302, force: false },
    ]);
    expect(problemsOf(site).map((problem) => [problem.entryId, problem.field, problem.message])).toEqual([
      ['r-loop', 'to', 'it sends the address to itself (a loop)'],
      [
        'r-chain',
        'to',
        '/home/ is itself redirected (a chain, or a loop): point this redirect at the final address',
      ],
      [
        'r-shadow',
        'from',
        '/offer/ is a live page, which this redirect would hide: unpublish the page first or redirect another address',
      ],
    ]);
  });

  it('redirects a page’s former slug from the sync history', () => {
    const { site } = mapSite(fixtureSpace(), {
      previousSlugs: new Map([['page-offer', new Map([['en-US', ['special-offer']]])]]),
    });
    expect(site.redirects).toContainEqual({
      from: '/special-offer/',
      to: '/offer/',
      status: 301,
      force: false,
    });
  });
});

describe('slug history', () => {
  it('remembers a renamed page’s former slug, and the build redirects it', () => {
    const before = fixtureSpace();
    const lastGood = new Map(mapSite(before).goodEntries.map((kept) => [kept.sys.id, kept]));
    const space = fixtureSpace();
    entryOf(space, 'page-offer').fields.slug = { 'en-US': 'winter-offer' };
    const history = withRenamedSlugs({}, lastGood, space);
    expect(history).toEqual({ 'page-offer': { 'en-US': ['offer'], 'de-DE': ['offer'] } });
    const { site } = mapSite(space, { previousSlugs: previousSlugsOf(history) });
    expect(site.redirects).toContainEqual({
      from: '/offer/',
      to: '/winter-offer/',
      status: 301,
      force: false,
    });
    expect(site.redirects).toContainEqual({
      from: '/de/offer/',
      to: '/de/winter-offer/',
      status: 301,
      force: false,
    });
    // Renamed back: the old address is live again, so it is no longer redirected.
    expect(
      withRenamedSlugs(history, new Map(mapSite(space).goodEntries.map((e) => [e.sys.id, e])), before),
    ).toEqual({
      'page-offer': { 'en-US': ['winter-offer'], 'de-DE': ['winter-offer'] },
    });
  });
});

describe('a form field’s own problem', () => {
  it('is named by the form field entry, not by its form’s path', () => {
    const space = fixtureSpace();
    entryOf(space, 'form-offer').fields.customFields = { 'en-US': [link('field-budget')] };
    space.entries.push(
      entry('field-budget', 'formField', {
        fieldId: 'budget',
        fieldType: 'select',
        label: 'Budget',
        options: [],
      }),
    );
    const [problem] = problemsOf(mapSite(space).site);
    expect(problem).toMatchObject({ contentType: 'formField', entryId: 'field-budget', entryName: 'Budget' });
  });
});
