import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapSpace, type LocalizedPage } from '../../src/lib/content/map-space.ts';
import { createFormConfigSource } from '../../src/lib/leads/form-config-source.ts';
import { formConfigsFrom } from '../../src/lib/leads/form-configs.ts';
import { SpaceExportSchema } from '../../src/schemas/space-export.ts';

const site = mapSpace(SpaceExportSchema.parse(JSON.parse(readFileSync('content/space.json', 'utf8'))));

describe('formConfigsFrom', () => {
  it('publishes every form of the embedded site once, across locales', () => {
    const forms = formConfigsFrom(site.pages);
    expect(Object.keys(forms)).toEqual([
      'demo-request',
      'insights-early-access',
      'webinar-2026-12',
      'winter-sale-offer',
    ]);
    expect(forms['insights-early-access']).toEqual({
      fields: ['email', 'firstName', 'company', 'jobTitle'],
      requiredFields: ['email'],
      successSlug: 'thank-you',
      successSlugs: { 'en-US': 'thank-you', 'de-DE': 'danke' },
      pageSlugs: ['insights-2'],
    });
  });

  it('collects every page that shows the same form', () => {
    const home = site.pages.find((page) => page.path === '/')!;
    const copy: LocalizedPage = { ...home, page: { ...home.page, slug: 'spring-promo' } };
    expect(formConfigsFrom([home, copy])['demo-request']?.pageSlugs).toEqual(['home', 'spring-promo']);
  });

  it('fails the build when two different forms share a form id, naming both pages', () => {
    const home = site.pages.find((page) => page.path === '/')!;
    const sections = home.page.sections.map((section) =>
      section.type === 'leadForm' ? { ...section, requiredFields: ['email' as const] } : section,
    );
    const other: LocalizedPage = { ...home, page: { ...home.page, slug: 'spring-promo', sections } };
    expect(() => formConfigsFrom([home, other])).toThrow(
      'leadForm "demo-request" on page "spring-promo" differs from the form with the same id on page "home"',
    );
  });
});

describe('createFormConfigSource', () => {
  const rules = { 'demo-request': { fields: ['email'], requiredFields: ['email'], pageSlugs: ['home'] } };

  it('fetches the deploy’s own rules once and keeps them', async () => {
    const fetched: string[] = [];
    const source = createFormConfigSource(async (url) => (fetched.push(url.href), rules));
    await source.load('https://deploy-preview-7--floodgate.netlify.app');
    await source.load('https://deploy-preview-7--floodgate.netlify.app');
    expect(fetched).toEqual(['https://deploy-preview-7--floodgate.netlify.app/lead-forms.json']);
  });

  it('tries again after a failed or malformed load instead of caching the failure', async () => {
    const answers: unknown[] = [new Error('503'), { broken: true }, rules];
    const source = createFormConfigSource(async () => {
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next;
    });
    await expect(source.load('https://x.example')).rejects.toThrow('503');
    await expect(source.load('https://x.example')).rejects.toThrow();
    await expect(source.load('https://x.example')).resolves.toEqual(rules);
  });
});
