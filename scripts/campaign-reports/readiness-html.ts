import { untrackedFormLine, type UntrackedForm } from '../../src/lib/campaigns/review/untracked-forms.ts';
import type { ChartConfiguration } from 'chart.js';
import { backlogSeries } from '../../src/lib/campaigns/backlog-model.ts';
import { formatInstant } from '../../src/lib/campaigns/format.ts';
import {
  factTablesHtml,
  htmlTable,
  inlineHtml,
  renderHtmlReport,
  type ReportChart,
  type ReportSection,
} from './html-report.ts';
import { valueAxis } from './chart-axis.ts';
import { escapeHtml } from '../../src/lib/content/escape-html.ts';
import { worstFirst } from '../../src/lib/campaigns/finding.ts';
import type { Readiness } from '../../src/lib/campaigns/readiness.ts';
import { readinessFacts } from './readiness-facts.ts';

const colours = { arrivals: '#2563eb', deliveries: '#15803d', backlog: '#b45309', capacity: '#7c3aed' };

/** Minutes after launch worth drawing: the whole wave and its drain, within the campaign. */
function horizonSeconds(readiness: Readiness): number {
  const wave = 4 * readiness.traffic.timeConstantSeconds;
  const drain = (readiness.backlog?.caughtUpAfterSeconds ?? 0) * 1.25;
  return Math.min(Math.max(wave, drain), (readiness.endAt - readiness.launchAt) / 1000);
}

function waveChart(readiness: Readiness, id: string): ReportChart {
  const { traffic, pace } = readiness;
  const series = backlogSeries(
    traffic.peakLeadsPerSecond,
    traffic.timeConstantSeconds,
    pace,
    horizonSeconds(readiness),
  );
  const points = (value: (point: (typeof series)[number]) => number) =>
    series.map((point) => ({ x: +(point.seconds / 60).toFixed(2), y: +value(point).toFixed(4) }));
  const config: ChartConfiguration<'line', { x: number; y: number }[]> = {
    type: 'line',
    data: {
      datasets: [
        {
          label: 'leads arriving /s',
          data: points((p) => p.arrivalsPerSecond),
          borderColor: colours.arrivals,
          pointRadius: 0,
          yAxisID: 'rate',
        },
        {
          label: 'leads delivered /s',
          data: points((p) => p.deliveriesPerSecond),
          borderColor: colours.deliveries,
          pointRadius: 0,
          yAxisID: 'rate',
        },
        {
          label: 'backlog (leads)',
          data: points((p) => p.backlog),
          borderColor: colours.backlog,
          backgroundColor: 'rgba(180,83,9,.15)',
          fill: true,
          pointRadius: 0,
          yAxisID: 'backlog',
        },
      ],
    },
    options: {
      scales: {
        x: { type: 'linear', title: { display: true, text: 'minutes after launch' } },
        rate: {
          type: 'linear',
          position: 'left',
          beginAtZero: true,
          title: { display: true, text: 'leads per second' },
        },
        backlog: {
          type: 'linear',
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          title: { display: true, text: 'leads waiting' },
        },
      },
    },
  };
  return { id, title: 'Expected launch wave: arrivals, deliveries and backlog', config };
}

function capacityChart(readiness: Readiness, id: string): ReportChart {
  const peak = readiness.traffic.peakLeadsPerSecond;
  // An unmeasured capacity is left out rather than drawn as nothing (and a log scale cannot show 0).
  const bars: [string, number, string][] = [
    ['expected peak', peak, colours.arrivals],
    [`wanted (${readiness.policy.headroom}× peak)`, peak * readiness.policy.headroom, '#94a3b8'],
    ['measured capacity', readiness.capacity?.leadsPerSecond ?? 0, colours.capacity],
    ['delivery (sustained)', readiness.pace.ratePerSecond * readiness.pace.dutyCycle, colours.deliveries],
  ];
  const shown = bars.filter(([, value]) => value > 0);
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: shown.map(([label]) => label),
      datasets: [
        {
          label: 'leads per second',
          data: shown.map(([, value]) => +value.toPrecision(3)),
          backgroundColor: shown.map(([, , colour]) => colour),
        },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: valueAxis(
          shown.map(([, value]) => value),
          'leads per second',
        ),
      },
      plugins: { legend: { display: false } },
    },
  };
  return { id, title: 'Peak lead rate vs capacity and delivery rate', config };
}

function campaignSection(readiness: Readiness, index: number): ReportSection {
  const { campaign, verdict } = readiness;
  const findings = readiness.findings
    .map((finding) => `<li class="${finding.severity}">${inlineHtml(finding.message)}</li>`)
    .join('');
  const knobs = htmlTable(
    ['Knob', 'Variable', 'Now', 'What to do'],
    readiness.knobs.map((knob) => [knob.name, knob.variable, knob.current, knob.advice]),
  );
  const charts =
    readiness.traffic.peakLeadsPerSecond > 0
      ? [waveChart(readiness, `wave-${index}`), capacityChart(readiness, `capacity-${index}`)]
      : [];
  return {
    id: campaignAnchor(campaign.key),
    heading: `${campaign.name} (${campaign.key})`,
    html: `<p>${verdictBadge(verdict)}</p><ul>${findings}</ul>${factTablesHtml(readinessFacts(readiness))}<h3>Knobs</h3>${knobs}`,
    charts,
  };
}

const campaignAnchor = (key: string) => `campaign-${key}`;

/** The verdict in words on its colour: the colour helps, the text carries the meaning. */
const verdictBadge = (verdict: Readiness['verdict']) =>
  `<span class="verdict ${verdict}">${verdict.toUpperCase()}</span>`;

/** One overview row: the campaign links to its detail, the verdict is a coloured badge. */
const overviewRow = (r: Readiness) =>
  `<tr><td><a href="#${campaignAnchor(r.campaign.key)}">${escapeHtml(`${r.campaign.name} (${r.campaign.key})`)}</a></td>` +
  `<td>${escapeHtml(formatInstant(r.launchAt))}</td><td>${verdictBadge(r.verdict)}</td></tr>`;

/** The readiness report as one self-contained HTML page with charts; no-go and at-risk first. */
export function readinessHtml(
  unordered: readonly Readiness[],
  generatedAt: number,
  chartJs: string,
  untracked: readonly UntrackedForm[] = [],
): string {
  const readinesses = worstFirst(unordered);
  const overview: ReportSection = {
    heading: 'Overview',
    html:
      readinesses.length === 0
        ? '<p>No upcoming campaigns.</p>'
        : `<table class="overview"><thead><tr><th>Campaign</th><th>Launch</th><th>Verdict</th></tr></thead>
<tbody>${readinesses.map(overviewRow).join('\n')}</tbody></table>`,
    charts: [],
  };
  // "No ticket, no campaign": a live form no ticket covers is listed where on-call looks first.
  const unticketed: ReportSection[] =
    untracked.length === 0
      ? []
      : [
          {
            id: 'untracked-forms',
            heading: 'Live forms without a launch ticket',
            html: `<ul>${untracked.map((form) => `<li class="at-risk">${escapeHtml(untrackedFormLine(form))}</li>`).join('')}</ul>`,
            charts: [],
          },
        ];
  return renderHtmlReport({
    title: 'Campaign readiness',
    subtitle: `Generated ${formatInstant(generatedAt)} by npm run campaign:ready. The traffic model: docs/campaigns.md.`,
    sections: [overview, ...unticketed, ...readinesses.map(campaignSection)],
    chartJs,
  });
}
