import { leadMessages } from '../../schemas/lead-messages.ts';
import { parseConsentVersion } from './consent-version.ts';

/**
 * Whether a posted consent version can be one this form's page showed: derived (not a hand-written
 * "2026-11"), in the locale the form was posted from, naming one of the lead form entries that
 * carry this form id. The text's hash is not compared with this deploy's: a page loaded before a
 * publish posts the previous version of the same entry, which is a real consent to real words
 * (kept in `consent_texts` by the deploy that showed them). Checked from the bundled form rules,
 * so it costs the intake no database statement. `undefined`: acceptable.
 */
export function consentVersionProblem(
  version: string,
  form: { consentEntries?: readonly string[] | undefined },
  locale: string,
): string | undefined {
  const parsed = parseConsentVersion(version);
  const fits =
    parsed !== undefined &&
    parsed.locale === locale &&
    // Rules from a build before consent entries were listed: the well-formed version is enough.
    (form.consentEntries === undefined || form.consentEntries.includes(parsed.entryId));
  return fits ? undefined : leadMessages.consentOutdated;
}
