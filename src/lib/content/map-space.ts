import type { LandingPage } from '../../schemas/landing-page.ts';
import type { MappedCampaign } from '../campaigns/map-campaigns.ts';
import type { SiteSettings } from '../../schemas/site-settings.ts';
import type { SpaceExport } from '../../schemas/space-export.ts';
import type { LocaleCode } from '../../schemas/locales.ts';
import type { ContentReport } from './content-report.ts';
import type { RedirectRule } from './redirect-rules.ts';
import { ContentValidationError } from './content-validation-error.ts';
import { mapSite } from './map-site.ts';

export { alternatesOf, entryIdsOfType, formatWarnings, missingSettingsMessage } from './site-structure.ts';

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

export interface MappedSite {
  settings: Record<LocaleCode, SiteSettings>;
  pages: LocalizedPage[];
  /** Launch tickets, for the readiness report; never rendered. */
  campaigns: MappedCampaign[];
  /** Things left out of the site, one line each (also in `report`). */
  warnings: string[];
  /** Every problem once, with the pages it affects and what the site shows instead. */
  report: ContentReport;
  /** Netlify redirect rules: canonical addresses, marketers' redirects, automatic ones, 404s. */
  redirects: RedirectRule[];
}

/**
 * Map a whole space and insist that every entry is valid: throws a ContentValidationError listing
 * every problem. For tools that judge content (the readiness report, tests); the site's build uses
 * `mapSite`, which leaves a broken entry out and builds the rest.
 */
export function mapSpace(space: SpaceExport): MappedSite {
  const { site, issues } = mapSite(space);
  if (issues.length > 0) throw new ContentValidationError(issues);
  return site;
}
