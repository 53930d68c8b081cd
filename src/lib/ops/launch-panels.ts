import { escapeHtml } from '../content/escape-html.ts';
import { hhmmUtc } from './clears-by.ts';
import type { ForecastFacts } from './forecast-facts.ts';
import { RECENT_MINUTES } from './forecast-facts.ts';
import type { LaunchFacts } from './launch-facts.ts';
import type { OutboxFacts } from './outbox-watch.ts';
import type { RebuildFacts } from './rebuild-facts.ts';
import { lineChart } from './svg-chart.ts';

/** Panels the page shows inside its live section (refreshed) and beside its actions (as loaded). */
export interface OpsPanels {
  live: string[];
  actions: string[];
}

const panel = (id: string, title: string, body: string) =>
  `<section class="panel" id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${escapeHtml(title)}</h2>${body}</section>`;
const utc = (ms: number) => `${hhmmUtc(ms)} UTC`;
const round = (value: number) => (value >= 10 ? value.toFixed(0) : value.toFixed(1));

/** The launch facts as live panels: content errors first when there are any, then forecast, rebuilds, outbox. */
export function launchPanels(facts: LaunchFacts): string[] {
  const content = contentPanel(facts.content);
  const hasErrors = facts.content?.problems.some((problem) => problem.severity === 'error') ?? false;
  const rest = [forecastPanel(facts.forecast), rebuildPanel(facts.rebuild), outboxPanel(facts.outbox)];
  return hasErrors ? [content, ...rest] : [...rest, content];
}

export function forecastPanel(facts: ForecastFacts): string {
  const title = 'Forecast vs actual';
  if (!facts.bundled)
    return panel(
      'panel-forecast',
      title,
      '<p>This deploy carries no launch tickets (build the site first).</p>',
    );
  if (facts.running.length === 0) {
    const next = facts.next
      ? ` Next: ${escapeHtml(facts.next.name)} (${escapeHtml(facts.next.key)}) launches ${escapeHtml(facts.next.launchAt.slice(0, 16).replace('T', ' '))} UTC.`
      : '';
    return panel('panel-forecast', title, `<p>No campaign is running.${next}</p>`);
  }
  const charts = facts.running.map((campaign, index) => {
    const ratio = campaign.recent.forecast > 0 ? campaign.recent.actual / campaign.recent.forecast : null;
    const chart = lineChart({
      id: `chart-forecast-${index}`,
      title: `Accepted per minute vs forecast: ${campaign.name}`,
      description: `Leads accepted per minute for campaign ${campaign.key} against its launch ticket's ${campaign.leadsSource === 'measured' ? 'measured' : 'modelled'} forecast, over the last hour.`,
      labels: campaign.minutes.map((minute) => minute.slice(11, 16)),
      series: [
        { name: 'Accepted', colour: '#1f77b4', values: campaign.actual },
        { name: 'Forecast', colour: '#7f7f7f', values: campaign.forecast, dashed: true },
      ],
    });
    const versus = `Last ${RECENT_MINUTES} min: ${campaign.recent.actual} accepted against ${round(campaign.recent.forecast)} forecast${ratio === null ? '' : ` (${ratio.toFixed(1)}×)`}.`;
    const launched = campaign.launchAt.slice(0, 16).replace('T', ' ');
    return `<div><p>${escapeHtml(`${campaign.name} (${campaign.key}), launched ${launched} UTC. ${versus}`)}</p>${chart}</div>`;
  });
  return panel('panel-forecast', title, `<div class="charts">${charts.join('')}</div>`);
}

export function rebuildPanel(facts: RebuildFacts): string {
  const title = 'Rebuilds';
  if ('error' in facts)
    return panel('panel-rebuild', title, `<p class="bad">Could not read: ${escapeHtml(facts.error)}</p>`);
  const open = facts.open
    ? `Open window since ${utc(facts.open.opensAt)}, closes ${utc(facts.open.closesAt)}, ${facts.open.events} event(s).`
    : 'No window open.';
  const waiting =
    facts.due + facts.pending > 0 ? ` ${facts.due} due, ${facts.pending} building or retrying.` : '';
  const call = facts.lastCall;
  const last = call
    ? `<p${call.ok ? '' : ' class="bad"'} id="rebuild-last-call">Last build hook call ${utc(call.startedAt)}: ${call.ok ? 'ok' : 'failed'} (${escapeHtml(call.lastResult)}, ${call.attempts} attempt(s)) · ${escapeHtml(call.title)}</p>`
    : '<p id="rebuild-last-call">No build hook call yet.</p>';
  return panel('panel-rebuild', title, `<p>${escapeHtml(open + waiting)}</p>${last}`);
}

export function outboxPanel(facts: OutboxFacts): string {
  const title = 'Blobs outbox';
  if ('error' in facts)
    return panel('panel-outbox', title, `<p class="bad">Could not count: ${escapeHtml(facts.error)}</p>`);
  const age =
    facts.oldestSeconds === null
      ? ''
      : `, the oldest ${facts.sampled < facts.count ? 'at least ' : ''}${round(facts.oldestSeconds / 60)} min old`;
  const text =
    facts.count === 0
      ? 'Empty: every accepted lead is in the database.'
      : `${facts.count} lead(s) wait for the database${age}; the mover imports them once it answers.`;
  return panel(
    'panel-outbox',
    title,
    `<p id="outbox-count"${facts.count > 0 ? ' class="bad"' : ''}>${escapeHtml(text)}</p>`,
  );
}

const severityOrder = (severity: string) => (severity === 'error' ? 0 : severity === 'readiness' ? 1 : 2);
const shownProblems = 50;

export function contentPanel(report: LaunchFacts['content']): string {
  const title = 'Content report (this deploy)';
  if (!report) return panel('panel-content', title, '<p>This deploy carries no content report.</p>');
  if (report.problems.length === 0) return panel('panel-content', title, '<p>No content problems.</p>');
  const problems = [...report.problems].sort((a, b) => severityOrder(a.severity) - severityOrder(b.severity));
  const items = problems.slice(0, shownProblems).map((problem) => {
    const field = problem.field ? ` › ${problem.field}` : '';
    const locales = problem.locales.length ? ` [${problem.locales.join(', ')}]` : '';
    const pages = problem.pages.includes('*') ? 'every page' : problem.pages.join(', ');
    const bad = problem.severity === 'error' ? ' class="bad"' : '';
    return `<li${bad}><strong>${escapeHtml(problem.severity)}</strong>: ${escapeHtml(`${problem.contentType} "${problem.entryName}" (${problem.entryId})${field}${locales}: ${problem.message}`)}${pages ? `<br>Pages: ${escapeHtml(pages)}` : ''}<br>The site shows instead: ${escapeHtml(problem.instead)}</li>`;
  });
  const more = problems.length > shownProblems ? `<p>and ${problems.length - shownProblems} more.</p>` : '';
  return panel('panel-content', title, `<ul id="content-problems">${items.join('')}</ul>${more}`);
}
