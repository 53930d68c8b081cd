import type { CampaignOutcome } from './campaign-outcome.ts';

const s = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} s`);

/** One terminal line per campaign: verdict, leads, peak vs forecast, time to CRM, and what missed. */
export function outcomeSummaryLine(outcome: CampaignOutcome): string {
  const missed = outcome.checks.filter((check) => !check.met).map((check) => check.detail);
  const forecast = outcome.forecastPerMinute === null ? '' : ` (forecast ${outcome.forecastPerMinute})`;
  const { p50Seconds, p95Seconds, maxSeconds } = outcome.timeToCrm;
  return (
    `${outcome.key}: ${outcome.verdict.toUpperCase()} · ${outcome.accepted} accepted, ${outcome.spam} spam · ` +
    `peak ${outcome.peakPerMinute}/min${forecast} · time to CRM p50 ${s(p50Seconds)}, p95 ${s(p95Seconds)}, ` +
    `max ${s(maxSeconds)} · ${outcome.deadLetters} dead` +
    (missed.length > 0 ? `\n  missed: ${missed.join('; ')}` : '')
  );
}
