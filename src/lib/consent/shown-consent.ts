import type { ConsentText } from '../../schemas/consent-text.ts';
import { consentRuns } from '../content/consent-link.ts';
import { consentTextSha256, consentVersionOf } from './consent-version.ts';

/** The privacy page a consent text links to in one locale (see `BlockSite.privacy`). */
export interface PrivacyLink {
  title: string;
  href: string;
}

/**
 * A lead form's consent text as the visitor reads it, and the version naming exactly those words:
 * the same runs `ConsentLabel.astro` renders, joined, so a new privacy page title (which the label
 * shows) is a new version too. `site` makes the privacy link absolute for the record.
 */
export function shownConsent(
  form: { id: string; consentText: string },
  locale: string,
  privacy: PrivacyLink | undefined,
  site?: URL,
): ConsentText {
  const text = consentRuns(form.consentText, privacy?.title)
    .map((run) => run.text)
    .join('')
    .normalize('NFC')
    .trim();
  return {
    version: consentVersionOf(form.id, locale, text),
    entryId: form.id,
    locale,
    text,
    sha256: consentTextSha256(text),
    privacyUrl: privacy ? (site ? new URL(privacy.href, site).href : privacy.href) : null,
  };
}
