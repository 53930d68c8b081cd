import type { TicketForecast } from './forecast.ts';
import type { FormFigures, OutcomeFigures, OutcomeScope, SourceFigures } from './read-outcome.ts';
import { outcomeVerdict, type OutcomeCheck, type OutcomeVerdict } from './verdict.ts';

/** One campaign's answer to "how did it go?": the JSON report's `campaigns[]` entry. No PII. */
export interface CampaignOutcome {
  /** The campaign key, or `(no campaign)` for forms no ticket claims. */
  key: string;
  name: string;
  window: { from: string; to: string; outcomesUntil: string };
  forms: string[];
  accepted: number;
  spam: number;
  spamShare: number | null;
  byForm: FormFigures[];
  bySource: SourceFigures[];
  /** Site-wide refusals in the window by status (`400`, `409`, `413`, `429`, `503`). */
  refusedByReason: Record<string, number>;
  conflicts: number;
  /**
   * Duplicate submissions: answered 409 (a key reused with other fields; site-wide, like every
   * refusal) and replayed keys (a retry answered from the stored lead; per form).
   */
  duplicates: { conflicts409: number; replayedKeys: number };
  unavailable: number;
  peakPerMinute: number;
  peakMinute: string | null;
  forecastPerMinute: number | null;
  forecastLeads: number | null;
  timeToCrm: {
    count: number;
    p50Seconds: number | null;
    p95Seconds: number | null;
    maxSeconds: number | null;
    meanSeconds: number | null;
  };
  ttcBuckets: { bucket: number; deliveries: number }[];
  delivered: number;
  retried: number;
  deadLetters: number;
  redriven: number;
  rebuilds: { built: number; failedCalls: number };
  verdict: OutcomeVerdict;
  checks: OutcomeCheck[];
  perMinute: { minute: string; accepted: number; spam: number; refused: number; forecast: number | null }[];
}

export interface OutcomeInput {
  key: string;
  name: string;
  scope: OutcomeScope;
  figures: OutcomeFigures;
  forecast: TicketForecast | undefined;
  policy: { headroom: number; maxLeadDelayMinutes: number };
}

const MINUTE_MS = 60_000;
const MAX_SERIES_MINUTES = 1_440;
const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
const total = <T>(items: readonly T[], pick: (item: T) => number) =>
  items.reduce((sum, item) => sum + pick(item), 0);

/** Every minute of the window with its intake, refusals and (from the window's start) the forecast. */
function minuteSeries(input: OutcomeInput) {
  const { scope, figures, forecast } = input;
  // A campaign's traffic peaks at launch and decays: the chart stops an hour after the last
  // minute with any intake, and never draws more than a day (the totals cover the whole window).
  const windowMinutes = Math.max(0, Math.round((scope.to - scope.from) / MINUTE_MS));
  const lastActive = Math.max(-1, ...figures.perMinute.map((m) => (m.minute - scope.from) / MINUTE_MS));
  const count = Math.min(windowMinutes, MAX_SERIES_MINUTES, Math.max(lastActive + 61, 60));
  const expected = forecast?.perMinute(count);
  const intake = new Map(figures.perMinute.map((m) => [m.minute, m]));
  const refused = new Map<number, number>();
  for (const r of figures.refusals) refused.set(r.minute, (refused.get(r.minute) ?? 0) + r.refusals);
  return Array.from({ length: count }, (_, index) => {
    const minute = scope.from + index * MINUTE_MS;
    return {
      minute: new Date(minute).toISOString(),
      accepted: intake.get(minute)?.accepted ?? 0,
      spam: intake.get(minute)?.spam ?? 0,
      refused: refused.get(minute) ?? 0,
      forecast: expected ? +(expected[index] ?? 0).toFixed(3) : null,
    };
  });
}

/** Judge one scope's figures against its ticket (pure: the figures are read by `readOutcome`). */
export function campaignOutcome(input: OutcomeInput): CampaignOutcome {
  const { figures, scope, forecast, policy } = input;
  const accepted = total(figures.byForm, (f) => f.accepted);
  const spam = total(figures.byForm, (f) => f.spam);
  const refusedByReason: Record<string, number> = {};
  for (const r of figures.refusals) refusedByReason[r.reason] = (refusedByReason[r.reason] ?? 0) + r.refusals;
  let peak = { perMinute: 0, minute: null as string | null };
  for (const m of figures.perMinute)
    if (m.accepted + m.spam > peak.perMinute)
      peak = { perMinute: m.accepted + m.spam, minute: new Date(m.minute).toISOString() };
  const ttc = figures.timeToCrm;
  const dead = total(figures.byForm, (f) => f.dead);
  const redriven = total(figures.byForm, (f) => f.redriven);
  const judged = outcomeVerdict({
    submissions: accepted + spam,
    accepted,
    peakPerMinute: peak.perMinute,
    forecastPerMinute: forecast?.peakPerMinute,
    headroom: policy.headroom,
    deliveredOfWindow: ttc.count,
    maxSeconds: seconds(ttc.maxMs),
    maxLeadDelaySeconds: policy.maxLeadDelayMinutes * 60,
    unavailable: refusedByReason['503'] ?? 0,
    deadLeft: dead - redriven,
  });
  return {
    key: input.key,
    name: input.name,
    window: {
      from: new Date(scope.from).toISOString(),
      to: new Date(scope.to).toISOString(),
      outcomesUntil: new Date(scope.until).toISOString(),
    },
    forms: [...scope.forms],
    accepted,
    spam,
    spamShare: accepted + spam === 0 ? null : spam / (accepted + spam),
    byForm: figures.byForm,
    bySource: figures.bySource,
    refusedByReason,
    conflicts: refusedByReason['409'] ?? 0,
    duplicates: {
      conflicts409: refusedByReason['409'] ?? 0,
      replayedKeys: total(figures.byForm, (f) => f.replayed),
    },
    unavailable: refusedByReason['503'] ?? 0,
    peakPerMinute: peak.perMinute,
    peakMinute: peak.minute,
    forecastPerMinute: forecast ? +forecast.peakPerMinute.toFixed(3) : null,
    forecastLeads: forecast ? Math.round(forecast.leads) : null,
    timeToCrm: {
      count: ttc.count,
      p50Seconds: seconds(ttc.p50Ms),
      p95Seconds: seconds(ttc.p95Ms),
      maxSeconds: seconds(ttc.maxMs),
      meanSeconds: ttc.count === 0 ? null : +(ttc.sumMs / ttc.count / 1000).toFixed(3),
    },
    ttcBuckets: figures.ttcBuckets,
    delivered: total(figures.byForm, (f) => f.delivered),
    retried: total(figures.byForm, (f) => f.retried),
    deadLetters: dead,
    redriven,
    rebuilds: figures.rebuilds,
    verdict: judged.verdict,
    checks: judged.checks,
    perMinute: minuteSeries(input),
  };
}
