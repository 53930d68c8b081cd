import type { LandingPage } from '../../schemas/landing-page.ts';
import type { LocaleCode } from '../../schemas/locales.ts';

/** A page's address in another locale, for `hreflang` alternates and the language switcher. */
export interface Alternate {
  locale: LocaleCode;
  lang: string;
  path: string;
}

/** One landing page in one locale, ready to render. */
export interface LocalizedPage {
  locale: LocaleCode;
  path: string;
  page: LandingPage;
  alternates: Alternate[];
}
