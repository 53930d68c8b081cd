import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import CtaBanner from '../../src/components/blocks/CtaBanner.astro';
import Faq from '../../src/components/blocks/Faq.astro';
import Hero from '../../src/components/blocks/Hero.astro';
import LeadForm from '../../src/components/blocks/LeadForm.astro';
import RichTextSection from '../../src/components/blocks/RichTextSection.astro';
import { consentVersionOf } from '../../src/lib/consent/consent-version.ts';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import type { Block } from '../../src/schemas/block.ts';
import { fixtureSpace } from '../fixtures/space.ts';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const sections = (path: string): Block[] =>
  mapSpace(fixtureSpace()).pages.find((page) => page.path === path)!.page.sections;
const blockOf = <Type extends Block['type']>(path: string, type: Type) =>
  sections(path).find((block): block is Extract<Block, { type: Type }> => block.type === type)!;

// The container renders a component on its own; props are typed per component, so pass them loosely.
// Dev-mode source annotations are stripped so assertions read like the built HTML.
const render = async (component: unknown, props: Record<string, unknown>) =>
  (
    await container.renderToString(component as Parameters<AstroContainer['renderToString']>[0], { props })
  ).replace(/ data-astro-source-[a-z]+="[^"]*"/g, '');

describe('Hero', () => {
  it('is the page heading and loads its image eagerly when it opens the page', async () => {
    const html = await render(Hero, {
      block: blockOf('/', 'hero'),
      locale: 'en-US',
      position: 0,
      pageSlug: 'home',
    });
    expect(html).toMatch(/<h1[^>]*>Every piece of feedback, in one inbox<\/h1>/);
    expect(html).toMatch(/<img[^>]*fetchpriority="high"/);
    expect(html).toMatch(/<img[^>]*width="1200"[^>]*height="800"|<img[^>]*height="800"[^>]*width="1200"/);
    expect(html).not.toContain('loading="lazy"');
  });

  it('is a section heading with a lazy image further down the page', async () => {
    const html = await render(Hero, {
      block: blockOf('/', 'hero'),
      locale: 'en-US',
      position: 2,
      pageSlug: 'home',
    });
    expect(html).not.toContain('<h1');
    expect(html).toMatch(/<h2[^>]*>Every piece of feedback/);
    expect(html).toContain('loading="lazy"');
    expect(html).not.toContain('fetchpriority');
  });

  it("points its call to action at the page in the visitor's locale", async () => {
    const html = await render(Hero, {
      block: blockOf('/', 'hero'),
      locale: 'de-DE',
      position: 0,
      pageSlug: 'home',
    });
    expect(html).toContain('href="/de/offer/"');
  });
});

describe('LeadForm', () => {
  const form = () => blockOf('/offer/', 'leadForm');

  it('posts to the lead endpoint with the form, page, locale and consent version', async () => {
    const html = await render(LeadForm, { block: form(), locale: 'en-US', position: 1, pageSlug: 'offer' });
    expect(html).toMatch(/<form[^>]*method="post"[^>]*action="\/api\/leads"/);
    expect(html).toContain('<input type="hidden" name="formId" value="winter-offer">');
    expect(html).toContain('<input type="hidden" name="pageSlug" value="offer">');
    expect(html).toContain('<input type="hidden" name="locale" value="en-US">');
    // Standalone (no privacy page): the text as written, versioned by its entry, locale and words.
    const version = consentVersionOf('form-offer', 'en-US', 'I agree to the privacy notice.');
    expect(html).toContain(`<input type="hidden" name="consentVersion" value="${version}">`);
  });

  it('labels every shown field, marks the required ones and helps autofill', async () => {
    const html = await render(LeadForm, { block: form(), locale: 'en-US', position: 1, pageSlug: 'offer' });
    expect(html).toMatch(/<label[^>]*for="winter-offer-email"/);
    expect(html).toMatch(
      /<input[^>]*type="email"[^>]*inputmode="email"[^>]*id="winter-offer-email"[^>]*autocomplete="email"[^>]*required/,
    );
    expect(html).toMatch(/<input[^>]*id="winter-offer-company"[^>]*autocomplete="organization"/);
    expect(html).not.toMatch(/id="winter-offer-company"[^>]*required/);
    expect(html).not.toContain('name="phone"');
  });

  it('has a hidden honeypot, an error summary and a consent checkbox', async () => {
    const html = await render(LeadForm, { block: form(), locale: 'en-US', position: 1, pageSlug: 'offer' });
    expect(html).toMatch(/aria-hidden="true"[^>]*>.*name="website"[^>]*tabindex="-1"/s);
    expect(html).toMatch(/class="error-summary" role="alert"[^>]*hidden/);
    expect(html).toMatch(
      /<input[^>]*type="checkbox"[^>]*name="consent"[^>]*required|<input[^>]*name="consent"[^>]*type="checkbox"[^>]*required/,
    );
  });

  it('speaks German on a German page', async () => {
    const html = await render(LeadForm, { block: form(), locale: 'de-DE', position: 1, pageSlug: 'offer' });
    expect(html).toContain('Geschäftliche E-Mail');
    expect(html).toContain('Pflichtfeld');
  });
});

describe('Faq', () => {
  it('uses native disclosure widgets that work without JavaScript', async () => {
    const html = await render(Faq, {
      block: blockOf('/offer/', 'faq'),
      locale: 'en-US',
      position: 0,
      pageSlug: 'offer',
    });
    expect(html).toMatch(/<details[^>]*>\s*<summary[^>]*>.*Is there a free trial\?/s);
  });
});

describe('RichTextSection and CtaBanner', () => {
  it('renders CMS rich text without letting markup through', async () => {
    const block = {
      type: 'richTextSection',
      id: 'rt',
      internalName: 'Terms',
      heading: 'Terms',
      body: {
        nodeType: 'document',
        data: {},
        content: [
          {
            nodeType: 'paragraph',
            data: {},
            content: [{ nodeType: 'text', value: '<img src=x onerror=alert(1)>', marks: [], data: {} }],
          },
        ],
      },
    };
    const html = await render(RichTextSection, { block, locale: 'en-US', position: 1, pageSlug: 'offer' });
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
  });

  it('renders a call to action with its tone', async () => {
    const banner = {
      type: 'ctaBanner',
      id: 'cta',
      internalName: 'CTA',
      heading: 'Ready?',
      ctaLabel: 'Start',
      ctaHref: '/offer/',
      tone: 'dark',
    };
    const html = await render(CtaBanner, { block: banner, locale: 'de-DE', position: 3, pageSlug: 'offer' });
    expect(html).toContain('href="/de/offer/"');
    expect(html).toContain('tone-dark');
  });
});
