import { describe, expect, it } from 'vitest';
import { ContentValidationError } from '../../src/lib/content/content-validation-error.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { entry, entryOf, fixtureSpace, imageAsset, link } from '../fixtures/space.ts';

/** The build error a marketer would see for this space. */
function buildError(space: ReturnType<typeof fixtureSpace>): string {
  try {
    mapSpace(space);
  } catch (error) {
    if (error instanceof ContentValidationError) return error.message;
    throw error;
  }
  throw new Error('expected the space to be rejected');
}

describe('mapSpace', () => {
  it('maps every landing page into every locale at its path', () => {
    const site = mapSpace(fixtureSpace());
    expect(site.pages.map((page) => page.path).sort()).toEqual(['/', '/de/', '/de/offer/', '/offer/']);
    expect(site.settings['de-DE'].siteName).toBe('Harbor');
  });

  it('uses a translation where there is one and falls back to en-US where there is not', () => {
    const site = mapSpace(fixtureSpace());
    const germanHome = site.pages.find((page) => page.path === '/de/')!;
    const germanOffer = site.pages.find((page) => page.path === '/de/offer/')!;
    expect(germanHome.page.title).toBe('Startseite');
    expect(germanHome.page.sections[0]).toMatchObject({
      type: 'hero',
      heading: 'Jedes Feedback in einem Posteingang',
    });
    expect(germanOffer.page.title).toBe('Offer');
  });

  it('reads non-localized fields from the default locale in every locale', () => {
    const site = mapSpace(fixtureSpace());
    const germanOffer = site.pages.find((page) => page.path === '/de/offer/')!;
    expect(germanOffer.page.sections[1]).toMatchObject({
      type: 'leadForm',
      formId: 'winter-offer',
      fields: ['email', 'company'],
    });
  });

  it('resolves links to assets and turns links to other pages into references', () => {
    const site = mapSpace(fixtureSpace());
    const home = site.pages.find((page) => page.path === '/')!;
    expect(home.page.sections[0]).toMatchObject({
      image: { type: 'asset', url: '/images/hero-image.svg', width: 1200, height: 800 },
    });
    expect(site.settings['de-DE'].navigation[0]).toMatchObject({
      label: 'Angebot',
      page: { type: 'pageRef', slug: 'offer' },
    });
  });

  it('lists hreflang alternates for every locale', () => {
    const offer = mapSpace(fixtureSpace()).pages.find((page) => page.path === '/offer/')!;
    expect(offer.alternates).toEqual([
      { locale: 'en-US', lang: 'en', path: '/offer/' },
      { locale: 'de-DE', lang: 'de', path: '/de/offer/' },
    ]);
  });

  it('skips a section that is missing or unpublished, with a warning naming the page', () => {
    const space = fixtureSpace();
    entryOf(space, 'page-offer').fields.sections = {
      'en-US': [link('faq-offer'), link('draft-section'), link('form-offer')],
    };
    const site = mapSpace(space);
    expect(site.pages.find((page) => page.path === '/offer/')!.page.sections).toHaveLength(2);
    expect(site.warnings).toEqual([
      'landingPage "Offer" (page-offer) › sections [en-US, de-DE]: skipped a link to entry draft-section, which is missing or not published',
    ]);
  });
});

describe('mapSpace when a linked page is unpublished or deleted', () => {
  const withoutOffer = () => {
    const space = fixtureSpace();
    space.entries = space.entries.filter((candidate) => candidate.sys.id !== 'page-offer');
    return space;
  };

  it('leaves the navigation item out, names the link, its field and locales, and still builds', () => {
    const site = mapSpace(withoutOffer());
    expect(site.settings['en-US'].navigation).toEqual([]);
    expect(site.settings['de-DE'].navigation).toEqual([]);
    expect(site.warnings).toContain(
      'link "Offer" (nav-offer) › page [en-US, de-DE]: left out: the page it links to is unpublished or deleted (used by siteSettings "Harbor")',
    );
  });

  it('keeps a link that also has a URL, without its page', () => {
    const space = withoutOffer();
    entryOf(space, 'nav-offer').fields.url = { 'en-US': 'https://harbor.example/offer' };
    const [item] = mapSpace(space).settings['en-US'].navigation;
    expect(item).toMatchObject({ label: 'Offer', url: 'https://harbor.example/offer' });
    expect(item?.page).toBeUndefined();
  });

  it('leaves out a hero button pointing at the retired page, keeping the rest of the hero', () => {
    const site = mapSpace(withoutOffer());
    const hero = site.pages.find((page) => page.path === '/')!.page.sections[0];
    expect(hero).toMatchObject({ type: 'hero', heading: 'Every piece of feedback, in one inbox' });
    expect(hero).not.toHaveProperty('primaryCtaHref');
    expect(hero).not.toHaveProperty('primaryCtaLabel');
    expect(site.warnings).toContain(
      'hero "Home hero" (hero-home) › primaryCtaHref [en-US, de-DE]: button left out: /offer/ is no published page (unpublished, deleted or never created) (used by landingPage "Home")',
    );
  });

  it('leaves out a CTA banner whose button points at a page that does not exist', () => {
    const space = fixtureSpace();
    space.entries.push(
      entry('cta-gone', 'ctaBanner', {
        internalName: 'Old promo',
        heading: 'Spring promo',
        ctaLabel: 'See it',
        ctaHref: '/spring-promo/#top',
      }),
    );
    entryOf(space, 'page-home').fields.sections = { 'en-US': [link('hero-home'), link('cta-gone')] };
    const site = mapSpace(space);
    expect(site.pages.find((page) => page.path === '/')!.page.sections.map((s) => s.type)).toEqual(['hero']);
    expect(site.warnings.join('\n')).toMatch(
      /ctaBanner "Old promo" \(cta-gone\) › ctaHref \[en-US, de-DE\]: left out/,
    );
  });

  it('still fails the build for a page whose own required content is gone, naming only that page', () => {
    const space = withoutOffer();
    entryOf(space, 'page-home').fields.sections = { 'en-US': [link('page-missing-section')] };
    expect(buildError(space)).toMatchInlineSnapshot(`
      "The content has 1 problem to fix before the site can be built:
        - landingPage "Home" (page-home) › sections [en-US, de-DE]: add at least one section"
    `);
  });
});

describe('mapSpace on bad content', () => {
  it('names content type, entry, field and locales when a field breaks a limit', () => {
    const space = fixtureSpace();
    entryOf(space, 'page-offer').fields.seoDescription = { 'en-US': 'Too short' };
    expect(buildError(space)).toMatchInlineSnapshot(`
      "The content has 1 problem to fix before the site can be built:
        - landingPage "Offer" (page-offer) › seoDescription [en-US, de-DE]: write at least 50 characters: search engines show it under the title"
    `);
  });

  it('reports a missing required field on a block, and the page that uses it', () => {
    const space = fixtureSpace();
    delete entryOf(space, 'faq-offer').fields.heading;
    expect(buildError(space)).toMatchInlineSnapshot(`
      "The content has 1 problem to fix before the site can be built:
        - faq "Offer FAQ" (faq-offer) › heading [en-US, de-DE]: is required: fill it in (used by landingPage "Offer")"
    `);
  });

  it('reports only the translation that is wrong', () => {
    const space = fixtureSpace();
    entryOf(space, 'hero-home').fields.heading = { 'en-US': 'Fine', 'de-DE': 'x'.repeat(91) };
    expect(buildError(space)).toContain(
      'hero "Home hero" (hero-home) › heading [de-DE]: keep the heading to 90 characters or fewer',
    );
  });

  it('rejects an entry of a type the site does not know, placed as a section', () => {
    const space = fixtureSpace();
    space.entries.push(entry('video-1', 'videoEmbed', { title: 'Launch video' }));
    entryOf(space, 'page-offer').fields.sections = { 'en-US': [link('video-1')] };
    expect(buildError(space)).toContain(
      'videoEmbed "Untitled" (video-1) [en-US, de-DE]: content type "videoEmbed" is not part of the site\'s content model (used by landingPage "Offer")',
    );
  });

  it('rejects a content type that exists but is not a section', () => {
    const space = fixtureSpace();
    entryOf(space, 'page-offer').fields.sections = { 'en-US': [link('faq-1')] };
    expect(buildError(space)).toContain(
      'landingPage "Offer" (page-offer) › sections [en-US, de-DE]: item 1: not a section type',
    );
  });

  it('explains a malformed brand colour', () => {
    const space = fixtureSpace();
    entryOf(space, 'settings').fields.brandPrimary = { 'en-US': 'blue' };
    expect(buildError(space)).toContain(
      'siteSettings "Harbor" (settings) › brandPrimary [en-US, de-DE]: use a six-digit hex colour such as #1f6feb',
    );
  });

  it('refuses a form that requires a field it does not show', () => {
    const space = fixtureSpace();
    entryOf(space, 'form-offer').fields.requiredFields = { 'en-US': ['email', 'phone'] };
    expect(buildError(space)).toContain(
      'leadForm "Offer form" (form-offer) › requiredFields [en-US, de-DE]: only fields the form shows can be required',
    );
  });

  it('refuses a form field the lead schema does not know', () => {
    const space = fixtureSpace();
    entryOf(space, 'form-offer').fields.fields = { 'en-US': ['email', 'favouriteColour'] };
    expect(buildError(space)).toContain('› fields [en-US, de-DE]: item 2: must be one of: email, firstName');
  });

  it('asks for alt text on an image without a description', () => {
    const space = fixtureSpace();
    space.assets = [imageAsset('hero-image', null)];
    expect(buildError(space)).toContain(
      'asset "Image hero-image" (hero-image) › description [en-US, de-DE]: add a description: it is the alt text screen readers read (used by landingPage "Home")',
    );
  });

  it('refuses two pages with the same slug', () => {
    const space = fixtureSpace();
    entryOf(space, 'page-offer').fields.slug = { 'en-US': 'home' };
    expect(buildError(space)).toContain(
      'landingPage "pages with slug "home"" (page-home, page-offer) › slug [en-US, de-DE]: 2 pages share this slug; each page needs its own',
    );
  });

  it('puts a page with a German slug at its German address, with hreflang alternates following', () => {
    const space = fixtureSpace();
    entryOf(space, 'page-offer').fields.slug = { 'en-US': 'offer', 'de-DE': 'angebot' };
    const pages = mapSpace(space).pages.filter((page) => page.page.id === 'page-offer');
    expect(pages.map((page) => page.path)).toEqual(['/offer/', '/de/angebot/']);
    expect(pages[1].alternates.map((alternate) => alternate.path)).toEqual(['/offer/', '/de/angebot/']);
  });

  it('refuses a German slug that another German page already has', () => {
    const space = fixtureSpace();
    entryOf(space, 'page-offer').fields.slug = { 'en-US': 'offer', 'de-DE': 'home' };
    expect(buildError(space)).toContain('2 pages share this slug');
    expect(buildError(space)).toContain('keep its slug "home" in all of them');
  });

  it('asks for site settings when there are none', () => {
    const space = fixtureSpace();
    space.entries = space.entries.filter((candidate) => candidate.sys.id !== 'settings');
    expect(buildError(space)).toContain('create one Site settings entry');
  });

  it('asks for a locale the site publishes but the space lacks', () => {
    const space = fixtureSpace();
    space.locales = space.locales.filter((locale) => locale.code !== 'de-DE');
    expect(buildError(space)).toContain('the site publishes de-DE, but the space has no such locale');
  });

  it('detects an entry that links back to itself', () => {
    const space = fixtureSpace();
    space.entries.push(
      entry('grid-loop', 'featureGrid', {
        internalName: 'Loop',
        heading: 'Loop',
        features: [link('grid-loop')],
      }),
    );
    entryOf(space, 'page-offer').fields.sections = { 'en-US': [link('grid-loop')] };
    expect(buildError(space)).toContain(
      'featureGrid "Loop" (grid-loop) [en-US, de-DE]: links back to itself through its own sections; remove the loop (used by landingPage "Offer")',
    );
  });

  it('lists every problem at once, with no stack trace or raw zod output', () => {
    const space = fixtureSpace();
    delete entryOf(space, 'faq-offer').fields.heading;
    entryOf(space, 'settings').fields.brandInk = { 'en-US': '#12' };
    const message = buildError(space);
    expect(message).toMatch(/^The content has 2 problems to fix/);
    expect(message).not.toMatch(/ZodError|invalid_type|at .*\.ts:\d+/);
  });
});
