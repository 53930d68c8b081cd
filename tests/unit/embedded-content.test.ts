import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapSpace } from '../../src/lib/content/map-space.ts';
import { blockTypes } from '../../src/schemas/block.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';

const space = SpaceExportSchema.parse(JSON.parse(readFileSync('content/space.json', 'utf8')));
const site = mapSpace(space);

describe('the embedded content', () => {
  it('builds without problems or warnings', () => {
    expect(site.warnings).toEqual([]);
  });

  it('has the home, launch, webinar and sale pages in both locales, German ones at German slugs', () => {
    const paths = site.pages.map((page) => page.path);
    for (const [english, german] of [
      ['insights-2', 'insights-2'],
      ['webinar-feedback-to-roadmap', 'webinar-vom-feedback-zur-roadmap'],
      ['winter-sale', 'winteraktion'],
      ['privacy', 'datenschutz'],
      ['thank-you', 'danke'],
    ]) {
      expect(paths).toContain(`/${english}/`);
      expect(paths).toContain(`/de/${german}/`);
    }
    expect(paths).toContain('/');
    expect(paths).toContain('/de/');
  });

  it('gives each page the same alternates in both locales, at their own slugs', () => {
    const sale = site.pages.filter((page) => page.page.id === 'page-winter-sale');
    expect(sale.map((page) => page.alternates.map((alternate) => alternate.path))).toEqual([
      ['/winter-sale/', '/de/winteraktion/'],
      ['/winter-sale/', '/de/winteraktion/'],
    ]);
  });

  it('uses every block type somewhere', () => {
    const used = new Set(site.pages.flatMap((page) => page.page.sections.map((section) => section.type)));
    expect([...used].sort()).toEqual([...blockTypes].sort());
  });

  it('is translated into German, with untranslated fields falling back to English', () => {
    const english = site.pages.find((page) => page.path === '/')!;
    const german = site.pages.find((page) => page.path === '/de/')!;
    expect(german.page.title).not.toBe(english.page.title);
    const quotes = (page: typeof english) =>
      page.page.sections.flatMap((section) =>
        section.type === 'testimonials' ? section.items.map((item) => item.quote) : [],
      );
    expect(quotes(german)).toEqual(quotes(english));
  });

  it('sends every form without JavaScript to a success page that search engines skip', () => {
    const forms = site.pages.flatMap((page) =>
      page.page.sections.filter((section) => section.type === 'leadForm'),
    );
    expect(forms.length).toBeGreaterThan(0);
    for (const form of forms) {
      const success = site.pages.find((page) => page.page.slug === form.successPage?.slug);
      expect(success?.page.noindex).toBe(true);
    }
  });
});
