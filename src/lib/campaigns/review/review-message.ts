import { defaultLocale } from '../../../schemas/locales.ts';
import { pagePath } from '../../i18n/paths.ts';
import { formatCount, formatInstant } from '../format.ts';
import type { Readiness } from '../readiness.ts';

const verdictIcon = { go: ':white_check_mark:', 'at-risk': ':warning:', 'no-go': ':no_entry:' } as const;

/**
 * The launch review sent to the alert channel when a ticket is published or changed: one
 * Slack-compatible message (`text`, `blocks`) with the campaign, launch time, expected volume,
 * target pages, the readiness verdict with its reasons, and the data fields collected for the first time.
 */
export function launchReviewMessage(input: {
  readiness: Readiness;
  newFields: { fields: string[]; undeclared: string[] };
  /** Where the full readiness report lives (a link), if anywhere. */
  reportUrl?: string;
}) {
  const { readiness, newFields } = input;
  const { campaign, traffic, verdict } = readiness;
  const text = `${verdictIcon[verdict]} Launch review: ${campaign.name} (${campaign.key}) is ${verdict.toUpperCase()}, launching ${formatInstant(readiness.launchAt)}`;
  const fields = newFields.fields.length === 0 ? 'none' : newFields.fields.join(', ');
  const undeclared =
    newFields.undeclared.length === 0 ? '' : ` (not on the ticket: ${newFields.undeclared.join(', ')})`;
  const field = (label: string, value: string) => ({ type: 'mrkdwn', text: `*${label}*\n${value}` });
  const reasons = readiness.findings
    .filter((finding) => finding.severity !== 'go')
    .map((finding) => `• ${finding.message}`);
  return {
    text,
    kind: 'launch-review',
    campaign: campaign.key,
    verdict,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'section',
        fields: [
          field('Launch', `${formatInstant(readiness.launchAt)} → ${formatInstant(readiness.endAt)}`),
          field(
            'Expected volume',
            `${formatCount(traffic.leads)} leads, peak ${formatCount(traffic.peakLeadsPerSecond * 60)}/min`,
          ),
          field(
            'Target pages',
            campaign.targetPages.map((page) => pagePath(page.slug, defaultLocale)).join(', '),
          ),
          field('Forms', campaign.forms.join(', ')),
          field('New data fields', `${fields}${undeclared}`),
          field('Owner', campaign.owner),
        ],
      },
      ...(reasons.length > 0
        ? [{ type: 'section', text: { type: 'mrkdwn', text: reasons.join('\n') } }]
        : []),
      ...(input.reportUrl
        ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `<${input.reportUrl}|Readiness report>` }] }]
        : []),
    ],
  };
}
