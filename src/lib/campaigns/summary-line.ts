import { formatDuration, formatInstant, formatRate, formatRatio } from './format.ts';
import type { Verdict } from './finding.ts';
import type { Readiness } from './readiness.ts';

/**
 * One line for the build log: when, how much, and the verdict with its first reason. Marketing is
 * never blocked by it; it only makes sure nobody can say they were not told. `paint` styles the
 * verdict (a terminal colours it; the build log and files get it plain).
 */
export function summaryLine(
  readiness: Readiness,
  now: number,
  paint: (verdict: Verdict, text: string) => string = (_verdict, text) => text,
): string {
  const { campaign, traffic, headroom, backlog, verdict, findings } = readiness;
  const untilLaunch = readiness.launchAt - now;
  const when =
    untilLaunch > 0
      ? `launches ${formatInstant(readiness.launchAt)} (in ${formatDuration(untilLaunch / 1000)})`
      : `running until ${formatInstant(readiness.endAt)}`;
  const parts = [
    `campaign ${campaign.key}: ${when}`,
    `peak ${formatRate(traffic.peakLeadsPerSecond)} leads/s, ${formatRate(traffic.peakPageViewsPerSecond)} page views/s`,
    headroom === undefined ? 'capacity unknown' : `capacity ${formatRatio(headroom)} peak`,
    backlog ? `CRM has every lead within ${formatDuration(backlog.maxLeadDelaySeconds)}` : 'delivery unknown',
  ];
  const concerns = findings.filter((finding) => finding.severity !== 'go');
  const worst = concerns.find((finding) => finding.severity === verdict);
  const more = concerns.length > 1 ? `; +${concerns.length - 1} more` : '';
  const reason = worst ? ` (${worst.message.split(':')[0]}${more})` : '';
  return `${parts.join(' · ')} → ${paint(verdict, verdict.toUpperCase())}${reason}; details: npm run campaign:ready ${campaign.key}`;
}
