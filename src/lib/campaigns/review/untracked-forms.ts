import type { FormConfigMap } from '../../../schemas/lead.ts';
import type { Campaign } from '../../../schemas/campaign.ts';

/** A live form no current launch ticket covers ("no ticket, no campaign"). */
export interface UntrackedForm {
  formId: string;
  pageSlugs: string[];
  /** The ticket that covered it once, if its campaign has ended. */
  endedTicket?: { key: string; endAt: string };
}

/**
 * Live forms on pages no launch ticket covers at `now`: the form is on none of a running or
 * upcoming campaign's target pages and no such campaign lists it. A form whose campaign has ended
 * is listed too, naming that ticket: it still collects data, now without one.
 */
export function untrackedForms(
  forms: FormConfigMap,
  // What it reads of a ticket: a mapped campaign, or the ticket bundled with /ops/ (LaunchTicket).
  campaigns: readonly {
    campaign: Pick<Campaign, 'key' | 'endAt' | 'forms'> & { targetPages: readonly { slug: string }[] };
  }[],
  now: number,
): UntrackedForm[] {
  const live = campaigns.filter(({ campaign }) => Date.parse(campaign.endAt) > now);
  const covered = (formId: string, pageSlugs: readonly string[]) =>
    live.some(
      ({ campaign }) =>
        campaign.forms.includes(formId) || campaign.targetPages.some((page) => pageSlugs.includes(page.slug)),
    );
  const untracked: UntrackedForm[] = [];
  for (const [formId, config] of Object.entries(forms)) {
    if (covered(formId, config.pageSlugs)) continue;
    const ended = campaigns
      .filter(({ campaign }) => campaign.forms.includes(formId))
      .sort((a, b) => Date.parse(b.campaign.endAt) - Date.parse(a.campaign.endAt))[0];
    untracked.push({
      formId,
      pageSlugs: [...config.pageSlugs],
      ...(ended ? { endedTicket: { key: ended.campaign.key, endAt: ended.campaign.endAt } } : {}),
    });
  }
  return untracked.sort((a, b) => a.formId.localeCompare(b.formId));
}

/** One line per untracked form, for terminals, Markdown and the build log. */
export const untrackedFormLine = (form: UntrackedForm): string =>
  `form "${form.formId}" on page ${form.pageSlugs.map((slug) => `"${slug}"`).join(', ')} has no launch ticket` +
  (form.endedTicket ? ` (its campaign ${form.endedTicket.key} ended ${form.endedTicket.endAt})` : '');

/**
 * The same question where only the lead function's form rules are at hand (a function such as
 * `/ops/`, which has no campaign entries): forms whose pages name no campaign. Campaign dates are
 * not in the rules, so a form whose campaign has ended is not listed here; `campaign:ready` lists it.
 */
export const formsWithoutCampaign = (forms: FormConfigMap): UntrackedForm[] =>
  Object.entries(forms)
    .filter(([, config]) => config.campaign === undefined)
    .map(([formId, config]) => ({ formId, pageSlugs: [...config.pageSlugs] }))
    .sort((a, b) => a.formId.localeCompare(b.formId));
