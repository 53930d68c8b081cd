import type { LaunchTicket } from '../../schemas/launch-forecast.ts';
import type { OpsReportQuery } from '../../schemas/ops-report-query.ts';
import { escapeHtml } from '../content/escape-html.ts';

/** The report's address for a query (epoch ms back to ISO), as the page links it. */
export function reportHref(path: string, query: Partial<OpsReportQuery>): string {
  const params = new URLSearchParams();
  if (query.campaign) params.set('campaign', query.campaign);
  if (query.from !== undefined) params.set('from', new Date(query.from).toISOString());
  if (query.to !== undefined) params.set('to', new Date(query.to).toISOString());
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
const newestFirst = (tickets: readonly LaunchTicket[]) =>
  [...tickets].sort((a, b) => Date.parse(b.launchAt) - Date.parse(a.launchAt));

/** /ops/'s panel: the post-campaign report of each ticket, newest launch first, and of them all. */
export function reportPanel(tickets: readonly LaunchTicket[] | undefined): string {
  const items = newestFirst(tickets ?? []).map(
    (ticket) =>
      `<li>${link(reportHref('/ops/report/', { campaign: ticket.key }), `${ticket.name} (${ticket.key})`)}</li>`,
  );
  return `<section class="panel" id="panel-report" aria-labelledby="panel-report-title"><h2 id="panel-report-title">Post-campaign report</h2>
<p>${link('/ops/report/', 'Every campaign, and leads outside any')} · ${link('/ops/report.json', 'JSON')} · ${link('/ops/report.csv', 'CSV')}</p>
<ul id="report-campaigns">${items.join('')}</ul></section>`;
}

/** Above the report: where it came from, a form to choose the campaign and window, the same as JSON and CSV. */
export function reportIntro(tickets: readonly LaunchTicket[], query: OpsReportQuery): string {
  const options = newestFirst(tickets)
    .map(
      ({ key, name }) =>
        `<option value="${escapeHtml(key)}"${key === query.campaign ? ' selected' : ''}>${escapeHtml(`${name} (${key})`)}</option>`,
    )
    .join('');
  const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());
  return `<p>${link('/ops/', 'Back to /ops/')} · ${link(reportHref('/ops/report.json', query), 'JSON')} · ${link(reportHref('/ops/report.csv', query), 'CSV')}</p>
<form method="get" action="/ops/report/"><label>Campaign <select name="campaign"><option value="">every campaign</option>${options}</select></label>
<label>From <input name="from" value="${escapeHtml(iso(query.from))}" placeholder="2026-12-07T18:00Z" size="24"></label>
<label>To <input name="to" value="${escapeHtml(iso(query.to))}" placeholder="2026-12-07T19:00Z" size="24"></label>
<button type="submit">Show</button></form>`;
}
