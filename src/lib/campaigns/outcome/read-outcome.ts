import type { MinuteRollup } from '../../ops/minute-series.ts';
import type { SqlClient } from '../../db/sql-client.ts';
import { formsSeenSql, outcomeSql } from './outcome-sql.ts';

/** The scope of one report: which forms, which minutes. Epoch ms; rounded to whole minutes by the caller. */
export interface OutcomeScope {
  forms: readonly string[];
  /** Leads received in [from, to). */
  from: number;
  to: number;
  /** Their deliveries and dead letters counted until here (≥ to). */
  until: number;
}

/** One form's figures over the window: the rollup's counts, summed. */
export interface FormFigures extends Omit<MinuteRollup, 'minute'> {
  formId: string;
  /** Retries with an Idempotency-Key already stored, answered from the stored lead (migration 0090). */
  replayed: number;
}

export interface SourceFigures {
  formId: string;
  locale: string;
  source: string;
  accepted: number;
  spam: number;
}

/** What the rollups hold for one scope, before any judgement. */
export interface OutcomeFigures {
  byForm: FormFigures[];
  bySource: SourceFigures[];
  perMinute: { minute: number; accepted: number; spam: number }[];
  refusals: { minute: number; reason: string; refusals: number }[];
  timeToCrm: {
    count: number;
    p50Ms: number | null;
    p95Ms: number | null;
    maxMs: number | null;
    sumMs: number;
  };
  /** Deliveries per log-2 bucket (0040's `ops_ttc_bucket`). */
  ttcBuckets: { bucket: number; deliveries: number }[];
  rebuilds: { built: number; failedCalls: number };
}

interface Row {
  intake_by_form: { form_id: string; accepted: number; spam: number; replayed: number }[];
  outcomes_by_form: (Omit<FormFigures, 'formId' | 'accepted' | 'spam' | 'replayed'> & { form_id: string })[];
  per_minute: { minute: string; accepted: number; spam: number }[];
  by_source: (Omit<SourceFigures, 'formId'> & { form_id: string })[];
  refusals: { minute: string; reason: string; refusals: number }[];
  time_to_crm: {
    count: number;
    p50_ms: number | null;
    p95_ms: number | null;
    max_ms: number | null;
    sum_ms: number;
  };
  ttc_buckets: { bucket: number; deliveries: number }[];
  rebuilds: { built: number; failed_calls: number };
}

const none = { delivered: 0, retried: 0, dead: 0, redriven: 0, released: 0 };

/** Read one scope's figures: one statement on the rollups' minute keys. */
export async function readOutcome(db: SqlClient, scope: OutcomeScope): Promise<OutcomeFigures> {
  const { rows } = await db.query<Row>(outcomeSql, [
    [...scope.forms],
    new Date(scope.from),
    new Date(scope.to),
    new Date(scope.until),
  ]);
  const row = rows[0];
  if (!row) throw new Error('campaign outcome returned no row');
  const outcomes = new Map(row.outcomes_by_form.map(({ form_id, ...rest }) => [form_id, rest]));
  const formIds = [...new Set([...row.intake_by_form.map((f) => f.form_id), ...outcomes.keys()])].sort();
  const intake = new Map(row.intake_by_form.map((f) => [f.form_id, f]));
  const ttc = row.time_to_crm;
  return {
    byForm: formIds.map((formId) => ({
      formId,
      accepted: intake.get(formId)?.accepted ?? 0,
      spam: intake.get(formId)?.spam ?? 0,
      replayed: intake.get(formId)?.replayed ?? 0,
      ...(outcomes.get(formId) ?? none),
    })),
    bySource: row.by_source.map(({ form_id, ...rest }) => ({ formId: form_id, ...rest })),
    perMinute: row.per_minute.map((m) => ({ ...m, minute: Date.parse(m.minute) })),
    refusals: row.refusals.map((r) => ({ ...r, minute: Date.parse(r.minute) })),
    timeToCrm: {
      count: ttc.count,
      p50Ms: ttc.p50_ms,
      p95Ms: ttc.p95_ms,
      maxMs: ttc.max_ms,
      sumMs: ttc.sum_ms,
    },
    ttcBuckets: row.ttc_buckets,
    rebuilds: { built: row.rebuilds.built, failedCalls: row.rebuilds.failed_calls },
  };
}

/** Form ids with leads received in [from, to). */
export async function formsSeen(db: SqlClient, from: number, to: number): Promise<string[]> {
  const { rows } = await db.query<{ form_id: string }>(formsSeenSql, [new Date(from), new Date(to)]);
  return rows.map((row) => row.form_id);
}
