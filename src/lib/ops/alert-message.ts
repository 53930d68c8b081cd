import type { AlertFinding } from './alert-rules.ts';
import type { AlertTransition } from './alert-state.ts';

/** The figures an alert carries, as `/ops/` shows them. */
export interface AlertFigures {
  depth: number;
  oldestQueuedSeconds: number | null;
  deadLetters: number;
  breaker: string;
  clearsBy: string;
}

const headline: Record<AlertTransition, string> = {
  firing: ':rotating_light: Floodgate alert',
  reminder: ':hourglass: Still firing',
  resolved: ':white_check_mark: Resolved',
};

/**
 * A Slack-compatible message (`text` for notifications and plain receivers, `blocks` for the
 * figures and the link to /ops/). https://api.slack.com/reference/block-kit/blocks
 */
export function alertMessage(input: {
  finding: AlertFinding;
  transition: AlertTransition;
  figures: AlertFigures;
  opsUrl: string;
  at: number;
}) {
  const { finding, transition, figures, opsUrl } = input;
  const text = `${headline[transition]}: ${finding.rule}. ${transition === 'resolved' ? 'The rule no longer fires.' : finding.summary}`;
  const field = (label: string, value: string) => ({ type: 'mrkdwn', text: `*${label}*\n${value}` });
  return {
    text,
    rule: finding.rule,
    state: transition,
    at: new Date(input.at).toISOString(),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'section',
        fields: [
          field('Queued', String(figures.depth)),
          field(
            'Oldest queued',
            figures.oldestQueuedSeconds === null ? '–' : `${figures.oldestQueuedSeconds} s`,
          ),
          field('Dead letters', String(figures.deadLetters)),
          field('Breaker', figures.breaker),
          field('Backlog', figures.clearsBy),
        ],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `<${opsUrl}|Open the control room>` }] },
    ],
  };
}
