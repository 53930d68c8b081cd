import { pagePath } from '../../src/lib/i18n/paths.ts';
import type { MappedSite } from '../../src/lib/content/map-space.ts';
import { formTargets, type FormTarget } from './lead-submissions.ts';
import type { LoadRates } from './load-plan.ts';
import type { MappedCampaign } from '../../src/lib/campaigns/map-campaigns.ts';
import { estimateTraffic } from '../../src/lib/campaigns/traffic-model.ts';

/** What a load test sends: rates, the pages visitors open and the forms they fill in. */
export interface LoadTarget {
  campaignKey: string | undefined;
  rates: LoadRates;
  pagePaths: string[];
  forms: FormTarget[];
}

/** Page views per lead when only a lead rate is given: a 10% form conversion. */
const defaultPageViewsPerLead = 10;

/**
 * The load a campaign (or a plain rate) stands for: the campaign's modelled or measured peaks ×
 * `scale`, with explicit rates taking precedence, its target pages in every locale, and its forms.
 * Without a campaign, every page with a form and every form.
 */
export function loadTargetFor(
  site: Pick<MappedSite, 'pages'> & Partial<Pick<MappedSite, 'settings'>>,
  mapped: MappedCampaign | undefined,
  options: { rate?: number; pageViews?: number; scale: number },
): LoadTarget {
  const campaign = mapped?.campaign;
  const traffic = campaign ? estimateTraffic(campaign) : undefined;
  const leadsPerSecond = options.rate ?? (traffic?.peakLeadsPerSecond ?? 0) * options.scale;
  const pageViewsPerSecond =
    options.pageViews ??
    (traffic && options.rate === undefined
      ? traffic.peakPageViewsPerSecond * options.scale
      : leadsPerSecond * defaultPageViewsPerLead);
  const formIds = campaign?.forms ?? [
    ...new Set(
      site.pages.flatMap(({ page }) =>
        page.sections.flatMap((b) => (b.type === 'leadForm' ? [b.formId] : [])),
      ),
    ),
  ];
  const forms = formTargets(site.pages, formIds, site.settings);
  // Each target page at its own address in every locale (slugs are localized).
  const targetIds = new Set(campaign?.targetPages.map((page) => page.id));
  const pagePaths = campaign
    ? site.pages.filter(({ page }) => targetIds.has(page.id)).map(({ path }) => path)
    : [...new Set(forms.flatMap((form) => form.pages.map((page) => pagePath(page.slug, page.locale))))];
  return {
    campaignKey: campaign?.key,
    rates: { pageViewsPerSecond, leadsPerSecond },
    pagePaths,
    forms,
  };
}
