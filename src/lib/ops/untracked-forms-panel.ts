import { escapeHtml } from '../content/escape-html.ts';
import { untrackedForms, type UntrackedForm } from '../campaigns/review/untracked-forms.ts';
import type { LaunchSources } from './launch-facts.ts';

/** Live forms no launch ticket covers, as the deploy's bundle says; `bundled` false when it cannot say. */
export interface UntrackedFormsFacts {
  bundled: boolean;
  forms: UntrackedForm[];
}

/**
 * "No ticket, no campaign" at `now`, judged by the readiness review's own rule (`untrackedForms`)
 * on the form rules and launch tickets this deploy was built from. A bundle without the tickets (a
 * build from before they were carried) cannot tell a covered form from an uncovered one: it says so
 * rather than list every form.
 */
export async function readUntrackedForms(
  sources: Pick<LaunchSources, 'forecasts' | 'formRules'>,
  now: number,
): Promise<UntrackedFormsFacts> {
  const [forecasts, rules] = await Promise.all([sources.forecasts(), sources.formRules?.()]);
  if (!forecasts || !rules || forecasts.some((forecast) => !forecast.ticket))
    return { bundled: false, forms: [] };
  const tickets = forecasts.flatMap(({ ticket }) => (ticket ? [{ campaign: ticket }] : []));
  return { bundled: true, forms: untrackedForms(rules, tickets, now) };
}

const utc = (zoned: string) =>
  `${new Date(Date.parse(zoned)).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The panel: each form, its pages, the ticket that ended (if one did), and what to do. */
export function untrackedFormsPanel(facts: UntrackedFormsFacts): string {
  const body = !facts.bundled
    ? '<p>This deploy carries no form rules or launch tickets to compare (build the site first).</p>'
    : facts.forms.length === 0
      ? '<p>Every live form is on a page a current launch ticket covers.</p>'
      : `<ul id="untracked-forms">${facts.forms.map(item).join('')}</ul><p>Each collects leads with no launch ticket: no forecast, no alert threshold of its own, no owner on call. Add a launch ticket (a Campaign entry) in Contentful that lists the form or its page, or take the form off the page.</p>`;
  return `<section class="panel" id="panel-untracked" aria-labelledby="panel-untracked-title"><h2 id="panel-untracked-title">Live forms without a launch ticket</h2>${body}</section>`;
}

function item(form: UntrackedForm): string {
  const pages = `page${form.pageSlugs.length === 1 ? '' : 's'} ${form.pageSlugs.join(', ')}`;
  const ended = form.endedTicket
    ? `; its ticket ${form.endedTicket.key} ended ${utc(form.endedTicket.endAt)}`
    : '';
  return `<li class="bad"><strong>${escapeHtml(form.formId)}</strong> on ${escapeHtml(pages)}${escapeHtml(ended)}</li>`;
}
