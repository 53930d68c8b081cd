import type { ConsentText } from '../../schemas/consent-text.ts';
import { consentRuns } from '../content/consent-link.ts';
import { consentTextSha256, consentVersionOf } from './consent-version.ts';

/** The privacy page a consent text links to in one locale (see `BlockSite.privacy`). */
export interface PrivacyLink {
  title: string;
  href: string;
}

/**
 * A lead form's consent text as the visitor reads it, and the version naming exactly that: the
 * runs `ConsentLabel.astro` renders, joined, with the privacy link written as `[words](/path/)`.
 * So a text shown without its link, or linking elsewhere, is another version with its own record,
 * and a new privacy page title (which the label may add) is a new version too. The link is the
 * site path (the same on every deploy); `site` makes the record's `privacyUrl` absolute.
 */
export function shownConsent(
  form: { id: string; consentText: string },
  locale: string,
  privacy: PrivacyLink | undefined,
  site?: URL,
): ConsentText {
  const text = consentRuns(form.consentText, privacy?.title)
    .map((run) => (run.link && privacy ? `[${run.text}](${privacy.href})` : run.text))
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
