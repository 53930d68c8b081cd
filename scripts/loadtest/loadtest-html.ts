import type { ChartConfiguration } from 'chart.js';
import { formatInstant } from '../../src/lib/campaigns/format.ts';
import { factTablesHtml, renderHtmlReport, type ReportChart } from '../campaign-reports/html-report.ts';
import type { Latency, Stream, TimelineSecond } from './load-timeline.ts';
import { loadTestFacts } from './loadtest-facts.ts';
import type { LoadTestOutcome } from './run-load-test.ts';

type Point = { x: number; y: number };
const palette = ['#2563eb', '#15803d', '#b45309', '#b91c1c', '#7c3aed', '#0e7490', '#be185d', '#4d7c0f'];

const line = (label: string, data: Point[], colour: string, extra: object = {}) => ({
  label,
  data,
  borderColor: colour,
  backgroundColor: colour,
  pointRadius: 0,
  borderWidth: 2,
  ...extra,
});

// Whole seconds, horizontal labels, and Chart.js skips any label that would touch its neighbour.
const secondsAxis = {
  type: 'linear' as const,
  title: { display: true, text: 'seconds into the test' },
  ticks: { precision: 0, maxRotation: 0, autoSkip: true, autoSkipPadding: 16 },
};

/**
 * At low rates p50, p95 and p99 are often the same few milliseconds, and three solid lines would
 * hide each other: each percentile gets its own colour, dash pattern and point marker, and the
 * higher ones are drawn underneath so the lower ones stay visible on top.
 */
const percentileStyles = {
  p50Ms: { label: 'p50 (median)', colour: palette[1], extra: { pointStyle: 'circle', order: 1 } },
  p95Ms: {
    label: 'p95',
    colour: palette[2],
    extra: { borderDash: [8, 4], pointStyle: 'triangle', pointRadius: 3, order: 2 },
  },
  p99Ms: {
    label: 'p99',
    colour: palette[3],
    extra: { borderDash: [2, 3], borderWidth: 3, pointStyle: 'rect', pointRadius: 3, order: 3 },
  },
} as const;

function chart(
  id: string,
  title: string,
  datasets: object[],
  yTitle: string,
  type: 'line' | 'bar' = 'line',
): ReportChart {
  const config = {
    type,
    data: { datasets },
    options: {
      scales: {
        x: { ...secondsAxis, ...(type === 'bar' ? { stacked: true, offset: true } : {}) },
        y: {
          beginAtZero: true,
          stacked: type === 'bar',
          title: { display: true, text: yTitle },
          ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 12, maxTicksLimit: 8 },
        },
      },
    },
  } as ChartConfiguration;
  return { id, title, config };
}

function latencyChart(
  timeline: readonly TimelineSecond[],
  stream: Stream,
  id: string,
  title: string,
): ReportChart {
  const of = (key: keyof Latency) =>
    timeline.flatMap((second) => {
      const latency = second.latency[stream];
      return latency ? [{ x: second.second, y: latency[key] }] : [];
    });
  return chart(
    id,
    title,
    (['p50Ms', 'p95Ms', 'p99Ms'] as const).map((key) => {
      const style = percentileStyles[key];
      return line(style.label, of(key), style.colour, style.extra);
    }),
    'milliseconds',
  );
}

/** The charts the issue asks for: rps, latency percentiles, errors by status, queue depth and drain. */
function loadTestCharts(outcome: LoadTestOutcome): ReportChart[] {
  const { timeline, queue } = outcome;
  const series = (value: (second: TimelineSecond) => number) =>
    timeline.map((s) => ({ x: s.second, y: value(s) }));
  // What was sent solid, what succeeded dashed in another colour on top of it.
  const sentAndOk = (stream: Stream, labels: [sent: string, ok: string], colours: [string, string]) => {
    const sent = series((s) => s.sent[stream]);
    const ok = series((s) => s.ok[stream]);
    return [line(labels[0], sent, colours[0]), line(labels[1], ok, colours[1], { borderDash: [4, 3] })];
  };
  const statuses = [...new Set(timeline.flatMap((second) => Object.keys(second.errors)))].sort();
  const charts = [
    chart(
      'rps',
      'Requests per second',
      [
        ...sentAndOk('page', ['page views sent', 'page views ok'], [palette[0], palette[5]]),
        ...sentAndOk('lead', ['lead posts sent', 'leads accepted (202)'], [palette[2], palette[1]]),
      ],
      'requests per second',
    ),
    latencyChart(timeline, 'lead', 'latency-leads', 'Lead post latency (p50, p95, p99)'),
    latencyChart(timeline, 'page', 'latency-pages', 'Page view latency (p50, p95, p99)'),
    chart(
      'errors',
      'Errors by status (requests per second)',
      statuses.length > 0
        ? statuses.map((status, index) => ({
            label: status === 'error' ? 'no answer' : status,
            data: series((s) => s.errors[status] ?? 0),
            backgroundColor: palette[(index + 3) % palette.length],
          }))
        : [{ label: 'none', data: series(() => 0), backgroundColor: palette[1] }],
      'failed requests per second',
      'bar',
    ),
  ];
  if (queue.length > 0) {
    charts.push(
      chart(
        'queue',
        'Lead queue depth and deliveries to the CRM',
        [
          line(
            'leads waiting in the queue',
            queue.map((p) => ({ x: p.second, y: p.depth })),
            palette[2],
            {
              fill: true,
              backgroundColor: 'rgba(180,83,9,.15)',
            },
          ),
          ...(queue.some((p) => p.delivered !== undefined)
            ? [
                line(
                  'delivered to the CRM (total)',
                  queue.map((p) => ({ x: p.second, y: p.delivered ?? 0 })),
                  palette[1],
                ),
              ]
            : []),
        ],
        'leads',
      ),
    );
  }
  return charts;
}

/** The load test as a self-contained HTML page. */
export function loadTestHtml(outcome: LoadTestOutcome, chartJs: string): string {
  const verdict =
    outcome.audit === undefined
      ? 'not audited'
      : outcome.audit.lost === 0 && outcome.audit.duplicates === 0
        ? 'every accepted lead accounted for: 0 lost, 0 duplicated'
        : `${outcome.audit.lost} lost, ${outcome.audit.duplicates} duplicated`;
  return renderHtmlReport({
    title: `Load test${outcome.result.campaign ? `: ${outcome.result.campaign}` : ''}`,
    subtitle: `${formatInstant(Date.parse(outcome.result.measuredAt))} against ${outcome.result.target} · ${verdict}`,
    sections: [
      { heading: 'Summary', html: factTablesHtml(loadTestFacts(outcome)), charts: loadTestCharts(outcome) },
    ],
    chartJs,
  });
}
