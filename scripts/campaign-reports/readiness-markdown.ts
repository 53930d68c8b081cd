import { untrackedFormLine, type UntrackedForm } from '../../src/lib/campaigns/review/untracked-forms.ts';
import { formatInstant } from '../../src/lib/campaigns/format.ts';
import { worstFirst } from '../../src/lib/campaigns/finding.ts';
import type { Readiness } from '../../src/lib/campaigns/readiness.ts';
import { readinessFacts } from './readiness-facts.ts';

const icon = { go: '✅', 'at-risk': '⚠️', 'no-go': '⛔' } as const;
const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(headers: string[], rows: string[][]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

function campaignMarkdown(readiness: Readiness): string {
  const { campaign } = readiness;
  return [
    `## ${campaign.name} (\`${campaign.key}\`): ${icon[readiness.verdict]} ${readiness.verdict.toUpperCase()}`,
    readiness.findings.map((finding) => `- ${icon[finding.severity]} ${finding.message}`).join('\n'),
    ...readinessFacts(readiness).map(
      (facts) => `### ${facts.title}\n\n${table(['What', 'Value'], facts.rows)}`,
    ),
    `### Knobs\n\n${table(
      ['Knob', 'Variable', 'Now', 'What to do'],
      readiness.knobs.map((knob) => [knob.name, `\`${knob.variable}\``, knob.current, knob.advice]),
    )}`,
  ].join('\n\n');
}

/** The readiness report as Markdown, for a ticket, a chat message or the repository. */
export function readinessMarkdown(
  unordered: readonly Readiness[],
  generatedAt: number,
  untracked: readonly UntrackedForm[] = [],
): string {
  const readinesses = worstFirst(unordered);
  const overview = table(
    ['Campaign', 'Launch', 'Verdict'],
    readinesses.map((readiness) => [
      `${readiness.campaign.name} (\`${readiness.campaign.key}\`)`,
      formatInstant(readiness.launchAt),
      `${icon[readiness.verdict]} ${readiness.verdict}`,
    ]),
  );
  return [
    '# Campaign readiness',
    `Generated ${formatInstant(generatedAt)} by \`npm run campaign:ready\`. The traffic model is described in docs/campaigns.md.`,
    readinesses.length === 0 ? 'No upcoming campaigns.' : overview,
    ...(untracked.length === 0
      ? []
      : [
          `## Live forms without a launch ticket\n\n${untracked.map((form) => `- ${untrackedFormLine(form)}`).join('\n')}`,
        ]),
    ...readinesses.map(campaignMarkdown),
  ]
    .join('\n\n')
    .concat('\n');
}
