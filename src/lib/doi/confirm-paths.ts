import type { LocaleCode } from '../../schemas/locales.ts';

/**
 * The static confirmation page per locale (src/pages/confirm-signup.astro and
 * src/pages/de/anmeldung-bestaetigen.astro): where a confirmation mail's link points.
 */
export const confirmPagePaths: Record<LocaleCode, string> = {
  'en-US': '/confirm-signup/',
  'de-DE': '/de/anmeldung-bestaetigen/',
};

/** Where the page posts the token: netlify/functions/confirm-lead.mts. */
export const CONFIRM_API_PATH = '/api/leads/confirm';

/** The link in a confirmation mail: the page in the lead's locale with the signed token, nothing else. */
export function confirmLink(siteUrl: string, locale: LocaleCode, token: string): string {
  const url = new URL(confirmPagePaths[locale], siteUrl);
  url.searchParams.set('token', token);
  return url.href;
}
