import type { LocaleCode } from '../../schemas/locales.ts';
import type { SiteSettings } from '../../schemas/site-settings.ts';
import type { MappedCampaign } from '../campaigns/map-campaigns.ts';
import type { ContentReport } from './content-report.ts';
import type { LocalizedPage } from './localized-page.ts';
import type { RedirectRule } from './redirect-rules.ts';

/** The whole site as the build renders it: pages, settings, launch tickets, report and redirects. */
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
