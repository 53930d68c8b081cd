import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consentVersionOf, parseConsentVersion } from '../../src/lib/consent/consent-version.ts';
import { consentVersionProblem } from '../../src/lib/consent/consent-version-rule.ts';
import { consentWithoutPrivacyPage } from '../../src/lib/consent/privacy-link-problems.ts';
import { shownConsent } from '../../src/lib/consent/shown-consent.ts';
import { siteConsentTexts } from '../../src/lib/consent/site-consent-texts.ts';
import { mapSite } from '../../src/lib/content/map-site.ts';
import { formConfigsFrom } from '../../src/lib/leads/form-configs.ts';
import { validateLead } from '../../src/lib/leads/validate-lead.ts';
import { leadMessages } from '../../src/schemas/lead-messages.ts';
import { SpaceExportSchema, type SpaceExport } from '../../src/schemas/space-export.ts';
import { validLead } from '../fixtures/valid-lead.ts';

const embedded = (): SpaceExport =>
  SpaceExportSchema.parse(JSON.parse(readFileSync('content/space.json', 'utf8')));
const privacy = { title: 'privacy notice', href: '/privacy/' };
const form = { id: 'form-1', consentText: 'I agree. Details are in the privacy notice.' };

describe('the consent text as shown', () => {
  it('records the words with the privacy link, and versions exactly them', () => {
    const shown = shownConsent(form, 'en-US', privacy, new URL('https://example.com'));
    expect(shown.text).toBe('I agree. Details are in the [privacy notice](/privacy/).');
    expect(shown.version).toBe(consentVersionOf('form-1', 'en-US', shown.text));
    expect(shown.privacyUrl).toBe('https://example.com/privacy/');
    expect(shown.version.endsWith(shown.sha256.slice(0, 16))).toBe(true);
  });

  it('is another version when the words, the link or the locale change', () => {
    const base = shownConsent(form, 'en-US', privacy).version;
    const reworded = { ...form, consentText: 'I agree. Details are in the privacy notice!' };
    expect(shownConsent(reworded, 'en-US', privacy).version).not.toBe(base);
    expect(shownConsent(form, 'en-US', undefined).version).not.toBe(base);
    expect(shownConsent(form, 'en-US', { ...privacy, href: '/datenschutz/' }).version).not.toBe(base);
    expect(shownConsent(form, 'de-DE', privacy).version).not.toBe(base);
    expect(shownConsent(form, 'en-US', undefined).privacyUrl).toBeNull();
  });

  it('ignores a hand-written version an older space still has', () => {
    const old = embedded();
    const leadForm = old.contentTypes.find((type) => type.sys.id === 'leadForm')!;
    leadForm.fields.push({
      id: 'consentVersion',
      name: 'Consent text version',
      type: 'Symbol',
      localized: false,
      required: true,
    });
    for (const entry of old.entries.filter((candidate) => candidate.sys.contentType.sys.id === 'leadForm'))
      entry.fields.consentVersion = { 'en-US': '2026-11' };
    const textsOf = (space: SpaceExport) => {
      const { site, issues } = mapSite(space);
      expect(issues).toEqual([]);
      return siteConsentTexts(site.pages, (locale) => site.settings[locale]);
    };
    expect(textsOf(old)).toEqual(textsOf(embedded()));
  });

  it('is listed once per form entry and locale for the whole site, as the pages post it', () => {
    const { site } = mapSite(embedded());
    const texts = siteConsentTexts(site.pages, (locale) => site.settings[locale]);
    const versions = texts.map((text) => text.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect(texts.map((text) => `${text.entryId} ${text.locale}`)).toContain('form-home-demo de-DE');
    expect(texts.every((text) => parseConsentVersion(text.version)?.entryId === text.entryId)).toBe(true);
    expect(texts.every((text) => text.privacyUrl !== null)).toBe(true);
  });
});

describe('the intake’s consent version rule', () => {
  const current = consentVersionOf('form-home-demo', 'en-US', 'today’s words');
  const entries = { consentEntries: ['form-home-demo'] };

  it('accepts this deploy’s version and the previous one of the same entry (a page loaded before a publish)', () => {
    expect(consentVersionProblem(current, entries, 'en-US')).toBeUndefined();
    const previous = consentVersionOf('form-home-demo', 'en-US', 'yesterday’s words');
    expect(consentVersionProblem(previous, entries, 'en-US')).toBeUndefined();
  });

  it('refuses a hand-written version, another form’s entry, and another locale', () => {
    expect(consentVersionProblem('2026-11', entries, 'en-US')).toBe(leadMessages.consentOutdated);
    const other = consentVersionOf('form-webinar-registration', 'en-US', 'x');
    expect(consentVersionProblem(other, entries, 'en-US')).toBe(leadMessages.consentOutdated);
    expect(consentVersionProblem(current, entries, 'de-DE')).toBe(leadMessages.consentOutdated);
  });

  it('answers a post with the field and why, judged by the bundled form rules', () => {
    const key = '00000000-0000-4000-8000-000000000001';
    const forms = formConfigsFrom(mapSite(embedded()).site.pages);
    const checked = validateLead({ ...validLead(key), consentVersion: '2026-11' }, forms);
    expect(checked).toMatchObject({
      ok: false,
      errors: [{ field: 'consentVersion', message: leadMessages.consentOutdated }],
    });
    expect(validateLead(validLead(key), forms).ok).toBe(true);
  });
});

describe('a consent text without its privacy page', () => {
  it('heads the content report as an error naming the form, while every page still builds', () => {
    const space = embedded();
    const settings = space.entries.find((entry) => entry.sys.id === 'site-settings')!;
    delete settings.fields.privacyPage;
    const { site } = mapSite(space);
    expect(site.pages.length).toBe(mapSite(embedded()).site.pages.length);
    const [first] = site.report.problems;
    expect(first).toMatchObject({
      severity: 'error',
      kind: consentWithoutPrivacyPage,
      contentType: 'leadForm',
      entryId: expect.any(String) as string,
      field: 'consentText',
      locales: ['en-US', 'de-DE'],
    });
    const flagged = site.report.problems.filter((problem) => problem.kind === consentWithoutPrivacyPage);
    expect(flagged.map((problem) => problem.entryName).sort()).toEqual(
      space.entries
        .filter((entry) => entry.sys.contentType.sys.id === 'leadForm')
        .map((entry) => entry.fields.internalName?.['en-US'])
        .sort(),
    );
    expect(first?.message).toContain('Site settings › Privacy page');
    expect(first?.pages).toContain('/');
  });

  it('is not reported while the privacy page is published', () => {
    const { site } = mapSite(embedded());
    expect(site.report.problems.filter((problem) => problem.kind === consentWithoutPrivacyPage)).toEqual([]);
  });
});
