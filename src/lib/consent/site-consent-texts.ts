import type { ConsentText } from '../../schemas/consent-text.ts';
import type { LocaleCode } from '../../schemas/locales.ts';
import type { SiteSettings } from '../../schemas/site-settings.ts';
import { blockSite } from '../content/block-site.ts';
import type { LocalizedPage } from '../content/localized-page.ts';
import { shownConsent } from './shown-consent.ts';

/**
 * Every consent text the built pages show, once per version, computed exactly as the pages render
 * them (`blockSite` gives the same privacy link `LeadForm.astro` gets): what the build bundles for
 * the database to keep (docs/consent.md).
 */
export function siteConsentTexts(
  pages: readonly LocalizedPage[],
  settingsOf: (locale: LocaleCode) => Pick<SiteSettings, 'privacyPage'>,
  site?: URL,
): ConsentText[] {
  const texts = new Map<string, ConsentText>();
  for (const { page, locale } of pages) {
    const { privacy } = blockSite(pages, settingsOf(locale), locale);
    for (const block of page.sections) {
      if (block.type !== 'leadForm') continue;
      const shown = shownConsent(block, locale, privacy, site);
      texts.set(shown.version, shown);
    }
  }
  return [...texts.values()].sort((a, b) => a.version.localeCompare(b.version));
}
