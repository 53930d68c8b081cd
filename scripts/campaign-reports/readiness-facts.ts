import {
  formatCount,
  formatDuration,
  formatInstant,
  formatRate,
  formatShare,
  formatRatio,
} from '../../src/lib/campaigns/format.ts';
import { defaultLocale } from '../../src/schemas/locales.ts';
import { pagePath } from '../../src/lib/i18n/paths.ts';
import type { Readiness } from '../../src/lib/campaigns/readiness.ts';

/** A labelled table of facts, rendered the same way in Markdown and in HTML. */
export interface FactTable {
  title: string;
  rows: [label: string, value: string][];
}

const source = (kind: 'model' | 'measured', model: number) =>
  kind === 'measured' ? ` (measured; the model says ${formatRate(model)})` : ' (model)';

/** The numbers behind one campaign's verdict, grouped as the report shows them. */
export function readinessFacts(readiness: Readiness): FactTable[] {
  const { campaign, traffic, capacity, headroom, backlog, pace } = readiness;
  const tables: FactTable[] = [
    {
      title: 'Campaign',
      rows: [
        ['Launch', formatInstant(readiness.launchAt)],
        ['End', formatInstant(readiness.endAt)],
        // The page's real address (the home page is /, not /home/), as a visitor would open it.
        ['Target pages', campaign.targetPages.map((page) => pagePath(page.slug, defaultLocale)).join(', ')],
        ['Forms', campaign.forms.join(', ')],
        ['New data fields', campaign.newDataFields.join(', ') || '(none)'],
        ['Owner', `${campaign.owner} <${campaign.contact}>`],
        [
          'Last readiness run',
          readiness.lastReadinessRun === undefined ? 'never' : formatInstant(readiness.lastReadinessRun),
        ],
      ],
    },
    {
      title: 'Expected traffic',
      rows: [
        ['Visits', formatCount(traffic.visits)],
        ['Leads', formatCount(traffic.leads)],
        [
          'Peak window',
          `${formatShare(campaign.peakShare)} of visits in the first ${formatDuration(campaign.peakWindowMinutes * 60)}`,
        ],
        ['Decay time constant τ', formatDuration(traffic.timeConstantSeconds)],
        [
          'Peak page views/s',
          `${formatRate(traffic.peakPageViewsPerSecond)}${source(traffic.pageViewsSource, traffic.modelPeakPageViewsPerSecond)}`,
        ],
        [
          'Peak leads/s',
          `${formatRate(traffic.peakLeadsPerSecond)}${source(traffic.leadsSource, traffic.modelPeakLeadsPerSecond)}`,
        ],
      ],
    },
    {
      title: 'Lead endpoint capacity',
      rows: capacity
        ? [
            [
              'Capacity',
              `${formatRate(capacity.leadsPerSecond)} leads/s (${capacity.kind}), p99 ${capacity.p99Ms} ms`,
            ],
            ['Measured', `${formatInstant(capacity.measuredAt)} by ${capacity.source}`],
            ['Headroom', headroom === undefined ? 'unknown' : `${formatRatio(headroom)} the expected peak`],
          ]
        : [['Capacity', 'not measured']],
    },
  ];
  tables.push({
    title: 'Delivery to the CRM',
    rows: [
      ['LEADS_DELIVERY_RATE', `${formatRate(pace.ratePerSecond)} leads/s`],
      [
        'Sustained rate',
        `${formatRate(pace.ratePerSecond * pace.dutyCycle)} leads/s (worker drains ${formatShare(pace.dutyCycle)} of each ${pace.scheduleIntervalSeconds} s)`,
      ],
      [
        'Lane',
        `${readiness.lane.lane}: ${readiness.lane.sharePercent} % of the pace guaranteed, ${formatRate(readiness.lane.pace.ratePerSecond)} leads/s (the forecast below uses it; unused share of other lanes comes on top)`,
      ],
      ...(backlog
        ? ([
            [
              'Peak backlog',
              `${formatCount(backlog.peakBacklog)} leads, ${formatDuration(backlog.peakBacklogAtSeconds)} after launch`,
            ],
            ['Drain time', formatDuration(backlog.drainSeconds)],
            [
              'CRM has every lead by',
              `${formatInstant(readiness.launchAt + backlog.caughtUpAfterSeconds * 1000)} (launch + ${formatDuration(backlog.caughtUpAfterSeconds)})`,
            ],
            ['Longest wait for a lead', formatDuration(backlog.maxLeadDelaySeconds)],
          ] satisfies [string, string][])
        : [['Backlog', 'unknown: the traffic cannot be estimated'] satisfies [string, string]]),
    ],
  });
  return tables;
}
