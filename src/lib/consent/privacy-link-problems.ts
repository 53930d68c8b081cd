import type { LocaleCode } from '../../schemas/locales.ts';
import type { SiteSettings } from '../../schemas/site-settings.ts';
import type { ContentProblem } from '../content/content-report.ts';
import type { LocalizedPage } from '../content/localized-page.ts';

/** The report's mark for a consent text without its privacy page: /ops/ shows it and alerts on it. */
export const consentWithoutPrivacyPage = 'consent-without-privacy-page';

/**
 * Each lead form whose consent text shows without a link to the privacy page in some locale (Site
 * settings name none, or the page is unpublished, deleted or not built there): an error that heads
 * the content report. The form keeps taking sign-ups meanwhile (docs/consent.md says why), and the
 * text it records has no privacy URL, so the gap is visible in the consent record too.
 */
export function consentPrivacyProblems(
  pages: readonly LocalizedPage[],
  settings: Partial<Record<LocaleCode, Pick<SiteSettings, 'privacyPage'>>>,
): ContentProblem[] {
  const forms = new Map<string, { name: string; locales: Set<LocaleCode>; paths: Set<string> }>();
  for (const { page, locale, path } of pages) {
    if (settings[locale]?.privacyPage) continue;
    for (const block of page.sections) {
      if (block.type !== 'leadForm') continue;
      const form = forms.get(block.id) ?? { name: block.internalName, locales: new Set(), paths: new Set() };
      form.locales.add(locale);
      form.paths.add(path);
      forms.set(block.id, form);
    }
  }
  return [...forms].map(([entryId, form]) => ({
    severity: 'error',
    kind: consentWithoutPrivacyPage,
    contentType: 'leadForm',
    entryId,
    entryName: form.name,
    field: 'consentText',
    locales: [...form.locales],
    message:
      'the consent text has no privacy page to link to (Site settings › Privacy page is empty, or that page is unpublished or deleted): visitors agree without being able to read the privacy notice. Publish the privacy page and choose it in Site settings › Privacy page',
    pages: [...form.paths],
    instead:
      'the form, with its consent text but without the privacy notice link; sign-ups are still taken and recorded without a privacy page',
  }));
}
