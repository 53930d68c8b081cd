/**
 * The locales the site publishes and where each lives in the URL. The default locale has no
 * prefix. Contentful's space holds the same codes; the build fails if the two drift apart.
 */
export const siteLocales = [
  { code: 'en-US', prefix: '', lang: 'en', label: 'English' },
  { code: 'de-DE', prefix: 'de', lang: 'de', label: 'Deutsch' },
] as const;

export type SiteLocale = (typeof siteLocales)[number];
export type LocaleCode = SiteLocale['code'];

export const defaultLocale: LocaleCode = 'en-US';

export const localeCodes = siteLocales.map<LocaleCode>((locale) => locale.code);

/** Type guard: is this one of the site's locale codes? */
export const isLocaleCode = (code: string): code is LocaleCode => localeCodes.some((known) => known === code);

/** The site locale with this code. */
export function siteLocale(code: LocaleCode): SiteLocale {
  const found = siteLocales.find((locale) => locale.code === code);
  if (!found) throw new Error(`Unknown locale ${code}`);
  return found;
}
