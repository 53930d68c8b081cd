import type { ChartConfiguration } from 'chart.js';
import type { CampaignOutcome } from './campaign-outcome.ts';
import { formatCount, formatShare } from '../format.ts';
import { escapeHtml } from '../../content/escape-html.ts';
import { bucketUpperSeconds } from '../../ops/time-to-crm.ts';
import {
  htmlTable,
  inlineHtml,
  renderHtmlReport,
  type ReportChart,
  type ReportScripts,
  type ReportSection,
} from './html-report.ts';

const colours = {
  accepted: '#2563eb',
  spam: '#b45309',
  refused: '#b91c1c',
  forecast: '#7c3aed',
  ttc: '#15803d',
};

const seconds = (value: number | null) => (value === null ? '–' : `${value.toFixed(3)} s`);

function intakeChart(outcome: CampaignOutcome, id: string): ReportChart {
  const labels = outcome.perMinute.map((m) => m.minute.slice(11, 16));
  const config: ChartConfiguration<'bar' | 'line', number[], string> = {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          label: 'accepted',
          data: outcome.perMinute.map((m) => m.accepted),
          backgroundColor: colours.accepted,
          stack: 'in',
        },
        {
          label: 'spam',
          data: outcome.perMinute.map((m) => m.spam),
          backgroundColor: colours.spam,
          stack: 'in',
        },
        {
          label: 'refused (site-wide)',
          data: outcome.perMinute.map((m) => m.refused),
          backgroundColor: colours.refused,
          stack: 'out',
        },
        ...(outcome.forecastPerMinute === null
          ? []
          : [
              {
                type: 'line' as const,
                label: 'ticket forecast',
                data: outcome.perMinute.map((m) => m.forecast ?? 0),
                borderColor: colours.forecast,
                pointRadius: 0,
              },
            ]),
      ],
    },
    options: {
      scales: {
        x: {
          stacked: true,
          title: { display: true, text: 'minute (UTC)' },
          ticks: { maxRotation: 0, autoSkip: true },
        },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: 'submissions per minute' } },
      },
    },
  };
  return {
    id,
    title: 'Submissions per minute against the ticket’s forecast',
    config: config,
  };
}

function timeToCrmChart(outcome: CampaignOutcome, id: string): ReportChart {
  const buckets = outcome.ttcBuckets;
  const label = (bucket: number) => (bucket === 0 ? '≤ 1 s' : `≤ ${bucketUpperSeconds(bucket)} s`);
  const config: ChartConfiguration<'bar', number[], string> = {
    type: 'bar',
    data: {
      labels: buckets.map((b) => label(b.bucket)),
      datasets: [
        { label: 'leads delivered', data: buckets.map((b) => b.deliveries), backgroundColor: colours.ttc },
      ],
    },
    options: {
      scales: {
        x: { title: { display: true, text: 'time to CRM' } },
        y: { beginAtZero: true, title: { display: true, text: 'leads' } },
      },
    },
  };
  return { id, title: 'Time to CRM (received → delivered)', config: config };
}

function section(outcome: CampaignOutcome, index: number): ReportSection {
  const verdict = `<p><span class="verdict ${outcome.verdict === 'met' ? 'go' : outcome.verdict === 'missed' ? 'no-go' : 'at-risk'}">${escapeHtml(outcome.verdict)}</span></p>
<ul>${outcome.checks.map((c) => `<li class="${c.met ? 'go' : 'no-go'}">${escapeHtml(c.figure)}: ${inlineHtml(c.detail)}</li>`).join('')}</ul>`;
  const facts = htmlTable(
    ['', ''],
    [
      [
        'Leads received',
        `${outcome.window.from} → ${outcome.window.to} (outcomes until ${outcome.window.outcomesUntil})`,
      ],
      ['Forms', outcome.forms.join(', ') || '(none)'],
      ['Accepted', formatCount(outcome.accepted)],
      [
        'Spam',
        `${formatCount(outcome.spam)}${outcome.spamShare === null ? '' : ` (${formatShare(outcome.spamShare)})`}`,
      ],
      [
        'Peak per minute',
        `${outcome.peakPerMinute}${outcome.peakMinute ? ` at ${outcome.peakMinute.slice(11, 16)} UTC` : ''}`,
      ],
      [
        'Forecast per minute (first minute)',
        outcome.forecastPerMinute === null ? 'no forecast' : String(outcome.forecastPerMinute),
      ],
      ['Forecast leads', outcome.forecastLeads === null ? 'no forecast' : formatCount(outcome.forecastLeads)],
      [
        'Time to CRM p50 / p95 / max',
        `${seconds(outcome.timeToCrm.p50Seconds)} / ${seconds(outcome.timeToCrm.p95Seconds)} / ${seconds(outcome.timeToCrm.maxSeconds)} (${outcome.timeToCrm.count} leads)`,
      ],
      ['Delivered / retried', `${outcome.delivered} / ${outcome.retried}`],
      ['Dead letters / redriven', `${outcome.deadLetters} / ${outcome.redriven}`],
      ['409 / 503 (site-wide)', `${outcome.conflicts} / ${outcome.unavailable}`],
      ['Replayed keys (retries answered from the stored lead)', String(outcome.duplicates.replayedKeys)],
      [
        'Refused by reason (site-wide)',
        Object.entries(outcome.refusedByReason)
          .map(([r, n]) => `${r}: ${n}`)
          .join(', ') || 'none',
      ],
      [
        'Rebuilds in the window',
        `${outcome.rebuilds.built} built, ${outcome.rebuilds.failedCalls} failed build hook calls`,
      ],
    ],
  );
  const forms = htmlTable(
    ['form', 'accepted', 'spam', 'delivered', 'retried', 'dead', 'redriven'],
    outcome.byForm.map((f) => [
      f.formId,
      ...[f.accepted, f.spam, f.delivered, f.retried, f.dead, f.redriven].map(String),
    ]),
    [1, 2, 3, 4, 5, 6],
  );
  const sources = htmlTable(
    ['form', 'locale', 'UTM source', 'accepted', 'spam'],
    outcome.bySource.map((s) => [s.formId, s.locale, s.source, String(s.accepted), String(s.spam)]),
    [3, 4],
  );
  const charts = outcome.accepted + outcome.spam > 0 ? [intakeChart(outcome, `intake-${index}`)] : [];
  if (outcome.ttcBuckets.length > 0) charts.push(timeToCrmChart(outcome, `ttc-${index}`));
  return {
    id: `campaign-${index}`,
    heading: `${outcome.name} (${outcome.key})`,
    html: `${verdict}${facts}<h3>Per form</h3>${forms}<h3>Per locale and source</h3>${sources}`,
    charts,
  };
}

/** The post-campaign report for people: a verdict, the figures and two charts per campaign, one file. */
export function outcomeHtml(
  outcomes: readonly CampaignOutcome[],
  generatedAt: number,
  chartJs: ReportScripts,
  intro?: string,
): string {
  return renderHtmlReport({
    title: 'Campaign outcome',
    subtitle: `Generated ${new Date(generatedAt).toISOString()} from the ops rollups (no personal data).`,
    sections: outcomes.map(section),
    chartJs,
    ...(intro === undefined ? {} : { intro }),
  });
}
