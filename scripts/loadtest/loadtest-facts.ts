import type { FactTable } from '../campaign-reports/readiness-facts.ts';
import { formatRate } from '../../src/lib/campaigns/format.ts';
import type { LoadTestOutcome } from './run-load-test.ts';

const statuses = (byStatus: Record<string, number>) =>
  Object.entries(byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ') || '(none)';

/** The numbers of a load test, for the terminal, Markdown-ish text and the HTML report alike. */
export function loadTestFacts(outcome: LoadTestOutcome): FactTable[] {
  const { result, audit } = outcome;
  const { plan } = result;
  const tables: FactTable[] = [
    {
      title: 'Plan',
      rows: [
        ['Target', result.target],
        ['Campaign', result.campaign ?? '(rates given on the command line)'],
        [
          'Peak rates',
          `${formatRate(plan.pageViewsPerSecond)} page views/s, ${formatRate(plan.leadsPerSecond)} leads/s`,
        ],
        [
          'Shape',
          `${plan.rampSeconds} s ramp from 10%, ${plan.burstSeconds} s burst at ${plan.burstFactor}×, peak held to ${plan.durationSeconds} s`,
        ],
      ],
    },
    {
      title: 'Results',
      rows: [
        [
          'Page views',
          `${result.pageViews.ok}/${result.pageViews.sent} ok · p50 ${result.pageViews.latency.p50Ms} ms, p95 ${result.pageViews.latency.p95Ms} ms, p99 ${result.pageViews.latency.p99Ms} ms`,
        ],
        [
          'Lead posts',
          `${result.leads.accepted}/${result.leads.sent} accepted (202) · p50 ${result.leads.latency.p50Ms} ms, p95 ${result.leads.latency.p95Ms} ms, p99 ${result.leads.latency.p99Ms} ms`,
        ],
        ['Lead answers by status', statuses(result.leads.byStatus)],
        [
          'Leads accepted in the best healthy second',
          // A load test shows what it offered was taken, not where the endpoint stops: say so.
          `${formatRate(result.achievedLeadsPerSecond)}/s, at an offered peak of ${formatRate(plan.leadsPerSecond * (plan.burstSeconds > 0 ? plan.burstFactor : 1))} leads/s (no failures, lead p95 ≤ 1 s). This is the load the run offered and the endpoint took, not the endpoint's limit; npm run bench:leads measures that`,
        ],
        ['Page views answered by a function', String(outcome.pageViewsServedByFunction)],
      ],
    },
  ];
  tables.push({
    title: 'Every accepted lead accounted for',
    rows: audit
      ? [
          ['Distinct leads accepted', String(audit.accepted)],
          ['In the queue', String(audit.inQueue)],
          ['Delivered to the CRM', String(audit.delivered)],
          ['Dead letters', String(audit.dead)],
          ['Filed as spam', String(audit.spam)],
          ['Lost', String(audit.lost)],
          ['Duplicated', String(audit.duplicates)],
          [
            'Queue drained',
            outcome.drainSeconds === undefined
              ? 'not within the wait'
              : `${outcome.drainSeconds.toFixed(1)} s after the load`,
          ],
          ...(audit.examples.length > 0
            ? ([['Look up', audit.examples.join(', ')]] satisfies [string, string][])
            : []),
        ]
      : [['Audit', 'skipped: the lead store cannot be read (set NETLIFY_SITE_ID and NETLIFY_AUTH_TOKEN)']],
  });
  return tables;
}
