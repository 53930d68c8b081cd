import type { OpsEnv } from '../../schemas/ops-env.ts';
import type { MinutePoint } from './minute-series.ts';
import { deadPurgeFinding } from './dead-purge-rule.ts';
import type { DeadNearingPurge } from '../privacy/retention.ts';

/** The rules, by the name their messages and state rows carry. */
export const ALERT_RULES = [
  'oldest-queued',
  'breaker-open',
  'new-dead-letters',
  'delivery-stalled',
  'intake-unavailable',
  'spam-spike',
  // Judged on the launch facts (src/lib/ops/launch-rules.ts).
  'over-forecast',
  'backlog-deadline',
  'build-hook-failing',
  'outbox-held',
  'content-error-live',
  'dead-letters-nearing-purge',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** What the rules look at: the figures `/ops/` shows. */
export interface AlertFacts {
  depth: number;
  oldestQueuedSeconds: number | null;
  breaker: { state: string };
  /** The last hour, newest last (the current minute included). */
  perMinute: readonly MinutePoint[];
  /** Dead letters purged within a week (src/lib/privacy/retention.ts); unknown: the rule stays quiet. */
  deadNearingPurge?: DeadNearingPurge;
}

export interface AlertFinding {
  rule: AlertRule;
  firing: boolean;
  /** One sentence with the figure and the threshold. */
  summary: string;
}

export type AlertThresholds = Pick<
  OpsEnv,
  | 'ALERT_OLDEST_QUEUED_MINUTES'
  | 'ALERT_DEAD_LETTER_WINDOW_MINUTES'
  | 'ALERT_STALLED_MINUTES'
  | 'ALERT_INTAKE_503_PERCENT'
  | 'ALERT_SPAM_PERCENT'
  | 'ALERT_MIN_SAMPLE'
>;

const lastMinutes = (points: readonly MinutePoint[], minutes: number, pick: (point: MinutePoint) => number) =>
  points.slice(-minutes).reduce((sum, point) => sum + pick(point), 0);
const percent = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);

/** Every rule judged on `facts`: pure, so each threshold is tested without a database or a clock. */
export function evaluateRules(facts: AlertFacts, limits: AlertThresholds): AlertFinding[] {
  const { perMinute } = facts;
  const oldestMinutes = (facts.oldestQueuedSeconds ?? 0) / 60;
  const dead = lastMinutes(perMinute, limits.ALERT_DEAD_LETTER_WINDOW_MINUTES, (point) => point.dead);
  const delivered = lastMinutes(perMinute, limits.ALERT_STALLED_MINUTES, (point) => point.delivered);
  const submitted5 = lastMinutes(perMinute, 5, (point) => point.accepted + point.spam + point.refused);
  const unavailable5 = lastMinutes(perMinute, 5, (point) => point.unavailable);
  const spam10 = lastMinutes(perMinute, 10, (point) => point.spam);
  const judged10 = lastMinutes(perMinute, 10, (point) => point.accepted + point.spam);
  const unavailableShare = percent(unavailable5, submitted5);
  const spamShare = percent(spam10, judged10);
  return [
    {
      rule: 'oldest-queued',
      firing: oldestMinutes > limits.ALERT_OLDEST_QUEUED_MINUTES,
      summary: `Oldest queued lead is ${oldestMinutes.toFixed(1)} min old (limit ${limits.ALERT_OLDEST_QUEUED_MINUTES} min).`,
    },
    {
      rule: 'breaker-open',
      firing: facts.breaker.state !== 'closed',
      summary: `The CRM breaker is ${facts.breaker.state}: deliveries are paused after repeated failures.`,
    },
    {
      rule: 'new-dead-letters',
      firing: dead > 0,
      summary: `${dead} lead(s) became dead letters in the last ${limits.ALERT_DEAD_LETTER_WINDOW_MINUTES} min.`,
    },
    {
      rule: 'delivery-stalled',
      firing: facts.depth > 0 && delivered === 0 && oldestMinutes >= limits.ALERT_STALLED_MINUTES,
      summary: `${facts.depth} lead(s) queued and none delivered in the last ${limits.ALERT_STALLED_MINUTES} min.`,
    },
    {
      rule: 'intake-unavailable',
      firing: submitted5 >= limits.ALERT_MIN_SAMPLE && unavailableShare >= limits.ALERT_INTAKE_503_PERCENT,
      summary: `${unavailableShare.toFixed(1)}% of ${submitted5} submissions in the last 5 min were answered 5xx (limit ${limits.ALERT_INTAKE_503_PERCENT}%).`,
    },
    {
      rule: 'spam-spike',
      firing: judged10 >= limits.ALERT_MIN_SAMPLE && spamShare >= limits.ALERT_SPAM_PERCENT,
      summary: `${spamShare.toFixed(1)}% of ${judged10} submissions in the last 10 min were filed as spam (limit ${limits.ALERT_SPAM_PERCENT}%).`,
    },
    deadPurgeFinding(facts.deadNearingPurge),
  ];
}
