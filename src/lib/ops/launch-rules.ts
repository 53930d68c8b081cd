import type { OpsEnv } from '../../schemas/ops-env.ts';
import type { AlertFinding } from './alert-rules.ts';
import { RECENT_MINUTES } from './forecast-facts.ts';
import type { LaunchFacts } from './launch-facts.ts';
import { backlogClearMinutes, overForecastFactor, type TicketThresholds } from './ticket-thresholds.ts';

export type LaunchThresholds = Pick<
  OpsEnv,
  | 'ALERT_OVER_FORECAST_FACTOR'
  | 'ALERT_OUTBOX_MINUTES'
  | 'ALERT_MIN_SAMPLE'
  | 'ALERT_BACKLOG_CLEAR_MINUTES'
  | 'ALERT_STALLED_MINUTES'
>;

/** The queue's figures the backlog rule weighs against the tickets (from `readOpsMetrics`). */
export interface QueueOutlook {
  now: number;
  depth: number;
  oldestQueuedSeconds: number | null;
  /** When the backlog clears at the pace achieved; null when it is not clearing. */
  clearsAt: string | null;
  deliveredPerMinute: number;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * The rules judged on the launch facts: pure, like `evaluateRules`, so each is tested without a
 * database or a clock. Every rule answers on every round (firing or not), so a rule that stops
 * firing is resolved.
 */
export function evaluateLaunchRules(
  facts: LaunchFacts,
  limits: LaunchThresholds,
  queue: QueueOutlook,
): AlertFinding[] {
  return [
    overForecast(facts, limits),
    backlogDeadline(facts, limits, queue),
    buildHookFailing(facts),
    outboxHeld(facts, limits),
    contentLive(facts),
  ];
}

/**
 * The backlog will not clear within ALERT_BACKLOG_CLEAR_MINUTES at the pace achieved, or is not
 * clearing at all. Right after a launch the backlog is meant to grow (the flood is held): while a
 * running ticket forecasts more arrivals per minute than are being delivered, "not clearing" is
 * the plan, not an alert; a clear time past the deadline still is. A queue whose oldest lead is
 * younger than ALERT_STALLED_MINUTES is leads flowing through, not a backlog: a single lead waiting
 * for the next worker run must not page anyone.
 */
function backlogDeadline(facts: LaunchFacts, limits: LaunchThresholds, queue: QueueOutlook): AlertFinding {
  const deadline = backlogClearMinutes(facts.forecast.running, limits.ALERT_BACKLOG_CLEAR_MINUTES);
  const limit = deadline.minutes;
  const setBy = deadline.ticket ? `, set by ticket ${deadline.ticket}` : '';
  const growthExpected = facts.forecast.running.some(
    ({ recent }) => recent.forecast / RECENT_MINUTES > queue.deliveredPerMinute,
  );
  const minutes = queue.clearsAt === null ? null : (Date.parse(queue.clearsAt) - queue.now) / 60_000;
  const late = minutes !== null && minutes > limit;
  const stuck = minutes === null && !growthExpected;
  const settled = (queue.oldestQueuedSeconds ?? 0) >= limits.ALERT_STALLED_MINUTES * 60;
  const firing = queue.depth > 0 && settled && (late || stuck);
  return {
    rule: 'backlog-deadline',
    firing,
    summary: !firing
      ? `The backlog clears within ${limit} min or grows as the launch ticket expects.`
      : late
        ? `${queue.depth} lead(s) queued clear in ${Math.round(minutes)} min at the pace achieved (deadline ${limit} min${setBy}).`
        : `${queue.depth} lead(s) queued and the backlog is not clearing, though no running ticket expects it to grow.`,
  };
}

function overForecast(facts: LaunchFacts, limits: LaunchThresholds): AlertFinding {
  const factor = limits.ALERT_OVER_FORECAST_FACTOR;
  const factorOf = (thresholds: TicketThresholds | undefined) => overForecastFactor(thresholds, factor);
  const over = facts.forecast.running.filter(
    ({ recent, thresholds }) =>
      recent.actual >= limits.ALERT_MIN_SAMPLE && recent.actual > factorOf(thresholds) * recent.forecast,
  );
  const said = over
    .map(
      ({ name, key, recent, thresholds }) =>
        `${name} (${key}): ${recent.actual} accepted in the last ${RECENT_MINUTES} min against ${recent.forecast.toFixed(1)} forecast` +
        (factorOf(thresholds) === factor ? '' : ` (its ticket's limit ${factorOf(thresholds)}×)`),
    )
    .join('; ');
  return {
    rule: 'over-forecast',
    firing: over.length > 0,
    summary: over.length
      ? `Intake above ${factor}× (or its ticket's own limit) the launch ticket's forecast: ${said}.`
      : `Intake within ${factor}× (or its ticket's own limit) of every running campaign's forecast.`,
  };
}

function buildHookFailing({ rebuild }: LaunchFacts): AlertFinding {
  const failing = 'failing' in rebuild && rebuild.failing;
  const last = 'lastCall' in rebuild ? rebuild.lastCall : null;
  const waiting = 'due' in rebuild ? rebuild.due + rebuild.pending : 0;
  return {
    rule: 'build-hook-failing',
    firing: failing,
    summary: failing
      ? `The last build hook call failed (${last?.lastResult ?? 'no result'} after ${plural(last?.attempts ?? 0, 'attempt')}); ${plural(waiting, 'rebuild window')} wait: content edits are not reaching the site.`
      : 'The build hook answers.',
  };
}

function outboxHeld({ outbox }: LaunchFacts, limits: LaunchThresholds): AlertFinding {
  const minutes = 'count' in outbox && outbox.oldestSeconds !== null ? outbox.oldestSeconds / 60 : 0;
  const count = 'count' in outbox ? outbox.count : 0;
  const firing = count > 0 && minutes > limits.ALERT_OUTBOX_MINUTES;
  return {
    rule: 'outbox-held',
    firing,
    summary: firing
      ? `${plural(count, 'lead')} wait in the Blobs outbox, the oldest ${minutes.toFixed(1)} min (limit ${limits.ALERT_OUTBOX_MINUTES} min): the database is away or the mover is not running.`
      : `The Blobs outbox holds ${plural(count, 'lead')}.`,
  };
}

function contentLive({ content }: LaunchFacts): AlertFinding {
  const errors = content?.problems.filter((problem) => problem.severity === 'error') ?? [];
  const named = errors
    .slice(0, 3)
    .map(
      (problem) => `${problem.contentType} "${problem.entryName}" (${problem.entryId}): ${problem.message}`,
    )
    .join('; ');
  const more = errors.length > 3 ? ` and ${errors.length - 3} more` : '';
  return {
    rule: 'content-error-live',
    firing: errors.length > 0,
    summary: errors.length
      ? `The live site's build left out or replaced content: ${named}${more}. See the content report on /ops/.`
      : 'No content error on the live site.',
  };
}
