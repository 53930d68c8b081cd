import type { CampaignOutcome } from './campaign-outcome.ts';

/** A CSV cell: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const lines = (rows: readonly (readonly (string | number | null)[])[]) =>
  rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** One row per campaign with the headline figures (RFC 4180, CRLF). */
export function outcomeCsv(outcomes: readonly CampaignOutcome[]): string {
  const header = [
    ...['campaign', 'from', 'to', 'accepted', 'spam', 'spam_share', 'refused_409', 'refused_503'],
    ...['peak_per_minute', 'peak_minute', 'forecast_per_minute', 'forecast_leads', 'delivered_of_window'],
    ...['ttc_p50_seconds', 'ttc_p95_seconds', 'ttc_max_seconds', 'retried', 'dead_letters', 'redriven'],
    ...['rebuilds', 'verdict', 'missed', 'replayed_keys'],
  ];
  return lines([
    header,
    ...outcomes.map((o) => [
      ...[
        o.key,
        o.window.from,
        o.window.to,
        o.accepted,
        o.spam,
        o.spamShare === null ? null : +o.spamShare.toFixed(4),
      ],
      ...[o.conflicts, o.unavailable, o.peakPerMinute, o.peakMinute, o.forecastPerMinute, o.forecastLeads],
      ...[o.timeToCrm.count, o.timeToCrm.p50Seconds, o.timeToCrm.p95Seconds, o.timeToCrm.maxSeconds],
      ...[o.retried, o.deadLetters, o.redriven, o.rebuilds.built, o.verdict],
      o.checks
        .filter((check) => !check.met)
        .map((check) => check.figure)
        .join(' '),
      o.duplicates.replayedKeys,
    ]),
  ]);
}

/** One row per campaign, form, locale and UTM source: where the leads came from. */
export function sourcesCsv(outcomes: readonly CampaignOutcome[]): string {
  return lines([
    ['campaign', 'form', 'locale', 'source', 'accepted', 'spam'],
    ...outcomes.flatMap((o) =>
      o.bySource.map((s) => [o.key, s.formId, s.locale, s.source, s.accepted, s.spam]),
    ),
  ]);
}
