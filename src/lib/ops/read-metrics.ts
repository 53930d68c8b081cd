import type { DoiFigures } from '../doi/doi-figures.ts';
import type { SqlClient } from '../db/sql-client.ts';
import { clearsAtIso, clearsBy, clearsBySentence } from './clears-by.ts';
import {
  MINUTE_MS,
  minuteSeries,
  recentRates,
  type MinutePoint,
  type MinuteRollup,
} from './minute-series.ts';
import * as sql from './ops-sql.ts';
import { summarizeTimeToCrm, type TimeToCrmSummary } from './time-to-crm.ts';

/** Everything `/ops/` shows and `/api/ops/metrics` answers. */
export interface OpsMetrics {
  generatedAt: string;
  depth: number;
  oldestQueuedSeconds: number | null;
  deadLetters: number;
  spamHeld: number;
  breaker: { state: string; until: string | null };
  /** When the backlog clears at the pace achieved (now when already clear); null when it is not clearing. */
  clearsAt: string | null;
  clearsBy: string;
  /** The configured pace (LEADS_DELIVERY_RATE × 60) and the one achieved over the last 5 minutes. */
  pacePerMinute: number;
  deliveredPerMinute: number;
  intakePerMinute: number;
  /** The last hour, newest last. */
  perMinute: MinutePoint[];
  /** Last hour's refusals by reason (`400`, `409`, `413`, `429`, `503`). */
  refusedByReason: Record<string, number>;
  /** Last hour's time to CRM. */
  timeToCrm: TimeToCrmSummary;
  /** Double opt-in: leads waiting for their link, lead mails (src/lib/ops/doi-figure.ts). */
  doubleOptIn?: DoiFigures;
  /** Last hour per form and campaign, busiest first. */
  byForm: {
    formId: string;
    campaign: string;
    accepted: number;
    spam: number;
    delivered: number;
    dead: number;
  }[];
}

interface SeriesRow extends Omit<MinuteRollup, 'minute'> {
  /** ISO (from JSON). */
  minute: string;
  ttc_count: number;
  ttc_sum_ms: number;
  ttc_max_ms: number;
}

/** Read the figures as of `now` (ms): one statement reading the rollups' and the queue's indexes. */
export async function readOpsMetrics(
  db: SqlClient,
  options: { now: number; pacePerMinute: number; minutes?: number },
): Promise<OpsMetrics> {
  const { now, pacePerMinute, minutes = 60 } = options;
  const since = new Date(Math.floor(now / MINUTE_MS) * MINUTE_MS - (minutes - 1) * MINUTE_MS);
  const { rows } = await db.query<MetricsRow>(sql.metricsSql, [since]);
  const state = rows[0];
  if (!state) throw new Error('ops metrics returned no row');
  const series = { rows: state.series };
  const refusals = { rows: state.refusals };
  const refusedPerMinute = new Map<number, { refused: number; unavailable: number }>();
  const refusedByReason: Record<string, number> = {};
  for (const row of refusals.rows) {
    const minute = Date.parse(row.minute);
    const counts = refusedPerMinute.get(minute) ?? { refused: 0, unavailable: 0 };
    counts.refused += row.refusals;
    // Issue 19's "intake 5xx/503 rate": any server-side refusal, not the visitor's mistake.
    if (/^5\d\d$/.test(row.reason)) counts.unavailable += row.refusals;
    refusedPerMinute.set(minute, counts);
    refusedByReason[row.reason] = (refusedByReason[row.reason] ?? 0) + row.refusals;
  }
  const rollups = series.rows.map((row) => ({ ...row, minute: Date.parse(row.minute) }));
  const perMinute = minuteSeries({
    now,
    minutes,
    depthNow: state.depth,
    rollups,
    refusals: refusedPerMinute,
  });
  const rates = recentRates(perMinute, now);
  const estimate = clearsBy({ now, depth: state.depth, ...rates });
  const sum = (pick: (row: SeriesRow) => number) => series.rows.reduce((total, row) => total + pick(row), 0);
  return {
    generatedAt: new Date(now).toISOString(),
    depth: state.depth,
    oldestQueuedSeconds: state.oldest ? Math.max(0, Math.round((now - state.oldest.getTime()) / 1000)) : null,
    deadLetters: state.dead,
    spamHeld: state.spam,
    breaker: { state: state.breaker ?? 'closed', until: state.breaker_until?.toISOString() ?? null },
    clearsAt: clearsAtIso(estimate, now),
    clearsBy: clearsBySentence(estimate),
    pacePerMinute,
    ...rates,
    perMinute,
    refusedByReason,
    timeToCrm: summarizeTimeToCrm({
      count: sum((row) => row.ttc_count),
      sumMs: sum((row) => row.ttc_sum_ms),
      maxMs: series.rows.reduce((max, row) => Math.max(max, row.ttc_max_ms), 0),
      buckets: new Map(state.buckets.map((row) => [row.bucket, row.deliveries])),
    }),
    byForm: state.by_form.map((row) => ({
      formId: row.form_id,
      campaign: row.campaign,
      accepted: row.accepted,
      spam: row.spam,
      delivered: row.delivered,
      dead: row.dead,
    })),
  };
}

interface MetricsRow {
  depth: number;
  dead: number;
  spam: number;
  oldest: Date | null;
  breaker: string | null;
  breaker_until: Date | null;
  series: SeriesRow[];
  by_form: ByFormRow[];
  buckets: { bucket: number; deliveries: number }[];
  refusals: { minute: string; reason: string; refusals: number }[];
}

interface ByFormRow {
  form_id: string;
  campaign: string;
  accepted: number;
  spam: number;
  delivered: number;
  dead: number;
}
