import { doiFigure } from './doi-figure.ts';
import { escapeHtml } from '../content/escape-html.ts';
import type { AlertStateRow } from './alert-state.ts';
import type { OpsPanels } from './launch-panels.ts';
import type { OpsMetrics } from './read-metrics.ts';
import { lineChart } from './svg-chart.ts';

const palette = {
  accepted: '#1f77b4',
  spam: '#d62728',
  refused: '#ff7f0e',
  delivered: '#2ca02c',
  pace: '#7f7f7f',
};

const shell = (title: string, body: string, script: boolean) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/ops/ops.css">${script ? '<script src="/ops/ops.js" defer></script>' : ''}</head>
<body><main>${body}</main></body></html>`;

/** The sign-in form, and nothing else: no figure is shown before the token is given. */
export function signInPage(message?: string): string {
  const note = message ? `<p role="alert" class="bad">${escapeHtml(message)}</p>` : '';
  return shell(
    'Floodgate ops: sign in',
    `<h1>Floodgate launch control room</h1>${note}
<form method="post" action="/ops/"><input type="hidden" name="action" value="sign-in">
<label for="token">Operator token (OPS_TOKEN)</label><br>
<input id="token" name="token" type="password" autocomplete="current-password" required size="40">
<button type="submit">Sign in</button></form>`,
    false,
  );
}

const hhmm = (iso: string) => iso.slice(11, 16);
const figure = (label: string, value: string, bad = false) =>
  `<div><dt>${escapeHtml(label)}</dt><dd${bad ? ' class="bad"' : ''}>${escapeHtml(value)}</dd></div>`;
const seconds = (value: number | null) =>
  value === null ? '–' : value < 120 ? `${Math.round(value)} s` : `${(value / 60).toFixed(1)} min`;

/** The live section: figures, alerts, the two charts, then the panels passed in. The script swaps it whole. */
export function liveSection(
  metrics: OpsMetrics,
  alerts: readonly AlertStateRow[],
  panels: readonly string[] = [],
): string {
  const labels = metrics.perMinute.map((point) => hhmm(point.minute));
  const column = (pick: (point: OpsMetrics['perMinute'][number]) => number) => metrics.perMinute.map(pick);
  const notClearing = metrics.clearsAt === null;
  const leads = lineChart({
    id: 'chart-leads',
    title: 'Leads per minute',
    description: 'Accepted, spam and refused submissions per minute over the last hour.',
    labels,
    series: [
      { name: 'Accepted', colour: palette.accepted, values: column((point) => point.accepted) },
      { name: 'Spam', colour: palette.spam, values: column((point) => point.spam) },
      { name: 'Refused', colour: palette.refused, values: column((point) => point.refused) },
    ],
  });
  const queue = lineChart({
    id: 'chart-queue',
    title: 'Queue depth and delivered per minute',
    description: `Leads queued at the end of each minute and delivered per minute, against the configured pace of ${metrics.pacePerMinute} per minute.`,
    labels,
    series: [
      { name: 'Queued', colour: palette.accepted, values: column((point) => point.depth) },
      { name: 'Delivered', colour: palette.delivered, values: column((point) => point.delivered) },
      {
        name: 'Configured pace',
        colour: palette.pace,
        values: column(() => metrics.pacePerMinute),
        dashed: true,
      },
    ],
  });
  const firing = alerts.filter((alert) => alert.firing);
  const alertItems = firing.length
    ? firing
        .map((alert) => {
          const failed = alert.sendError
            ? ` <span class="bad">(sending failed: ${escapeHtml(alert.sendError)})</span>`
            : '';
          return `<li><strong>${escapeHtml(alert.rule)}</strong> since ${hhmm(alert.since)} UTC: ${escapeHtml(alert.summary)}${failed}</li>`;
        })
        .join('')
    : '<li>No alert firing.</li>';
  const refusals = Object.entries(metrics.refusedByReason)
    .map(([reason, count]) => `${reason}: ${count}`)
    .join(', ');
  return `<section id="live" aria-live="off">
<p class="asof">As of ${escapeHtml(metrics.generatedAt.slice(11, 19))} UTC</p>
<p class="clears${notClearing ? ' bad' : ''}" id="clears-by">${escapeHtml(metrics.clearsBy)}</p>
<dl class="figures">
${figure('Queued', String(metrics.depth))}
${figure('Oldest queued', seconds(metrics.oldestQueuedSeconds))}
${figure('Delivered / min (5 min)', metrics.deliveredPerMinute.toFixed(1))}
${figure('Configured pace / min', String(metrics.pacePerMinute))}
${figure('Breaker', metrics.breaker.state, metrics.breaker.state !== 'closed')}
${figure('Dead letters', String(metrics.deadLetters), metrics.deadLetters > 0)}
${figure('Spam held', String(metrics.spamHeld))}
${doiFigure(metrics.doubleOptIn)}
${figure('Time to CRM p50 / p95 (1 h)', `${seconds(metrics.timeToCrm.p50Seconds)} / ${seconds(metrics.timeToCrm.p95Seconds)}`)}
</dl>
<p>Refused in the last hour: ${escapeHtml(refusals || 'none')}</p>
<h2>Alerts</h2><ul id="alerts">${alertItems}</ul>
<div class="charts">${leads}${queue}</div>
${byFormTable(metrics)}
${panels.join('\n')}
</section>`;
}

function byFormTable(metrics: OpsMetrics): string {
  if (metrics.byForm.length === 0) return '<p>No leads in the last hour.</p>';
  const rows = metrics.byForm
    .map(
      (row) =>
        `<tr><th scope="row">${escapeHtml(row.formId || '–')}</th><td>${escapeHtml(row.campaign || '–')}</td><td>${row.accepted}</td><td>${row.spam}</td><td>${row.delivered}</td><td>${row.dead}</td></tr>`,
    )
    .join('');
  return `<table><caption>Last hour by form and campaign</caption><thead><tr><th scope="col">Form</th><th scope="col">Campaign</th><th scope="col">Accepted</th><th scope="col">Spam</th><th scope="col">Delivered</th><th scope="col">Dead</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const actionForm = (
  action: string,
  label: string,
  what: string,
) => `<form class="action" method="post" action="/ops/">
<input type="hidden" name="action" value="${action}">
<label><input type="checkbox" name="confirm" value="yes" required> ${escapeHtml(what)}</label>
<button type="submit">${escapeHtml(label)}</button></form>`;

/** The whole page for a signed-in operator. */
export function dashboardPage(
  metrics: OpsMetrics,
  alerts: readonly AlertStateRow[],
  notice?: string,
  panels?: OpsPanels,
): string {
  const note = notice ? `<p role="status">${escapeHtml(notice)}</p>` : '';
  return shell(
    'Floodgate ops',
    `<h1>Floodgate launch control room</h1>${note}
${liveSection(metrics, alerts, panels?.live)}
<h2>Actions</h2>
${actionForm('redrive-dead', 'Redrive dead letters', 'Put every dead letter back on the queue')}
${actionForm('release-spam', 'Release spam', 'Deliver every lead held as spam')}
${panels?.actions.join('\n') ?? ''}
<p><a href="/ops/privacy/">Data-subject requests: export or erase one address</a></p>
<form method="post" action="/ops/"><input type="hidden" name="action" value="sign-out"><button type="submit">Sign out</button></form>`,
    true,
  );
}
