import type { BundledLaunchReview } from '../../schemas/launch-review.ts';
import type { OpsEnv } from '../../schemas/ops-env.ts';
import type { ReviewOutcome } from '../campaigns/review/review-tickets.ts';
import { traced } from '../log/trace.ts';
import { evaluateAlerts, type AlertEvaluatorOptions, type AlertOutcome } from './evaluate-alerts.ts';
import { opsLog } from './ops-log.ts';
import { sendLaunchReviews } from './review-round.ts';
import { purgeRollups } from './rollup-retention.ts';

export type AlertRoundOptions = Omit<AlertEvaluatorOptions, 'pacePerMinute'> & {
  env: OpsEnv;
  /** The deploy's launch reviews (src/lib/ops/launch-sources.ts); without it no review is sent. */
  reviews?: () => Promise<BundledLaunchReview[] | undefined>;
};

/**
 * One round, as the schedule runs it: evaluate every rule, purge rollups past their retention,
 * then send the review of each launch ticket this deploy changed (once, however many rounds race).
 */
export function runAlertRound(options: AlertRoundOptions): Promise<AlertRound> {
  return traced(
    'floodgate.alert-round',
    () => alertRound(options),
    (round) => ({
      'floodgate.alert_transitions': round.outcomes.length,
      'floodgate.alert_send_errors': round.outcomes.filter((outcome) => outcome.error).length,
      'floodgate.rollups_purged': round.purged,
      'floodgate.reviews_sent': round.reviews.filter((review) => review.result === 'sent').length,
    }),
  );
}

export interface AlertRound {
  outcomes: AlertOutcome[];
  purged: number;
  reviews: ReviewOutcome[];
}

async function alertRound(options: AlertRoundOptions): Promise<AlertRound> {
  const now = options.now ?? Date.now;
  const log = options.log ?? opsLog();
  const { outcomes } = await evaluateAlerts({
    ...options,
    pacePerMinute: options.env.LEADS_DELIVERY_RATE * 60,
  });
  const purged = await purgeRollups(options.db, now(), options.env.OPS_ROLLUP_RETENTION_DAYS);
  const reviews = options.reviews
    ? await sendLaunchReviews({
        db: options.db,
        env: options.env,
        reviews: options.reviews,
        now: now(),
        fetch: options.fetch ?? globalThis.fetch,
        clock: now,
        sleep: options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms))),
        log,
      })
    : [];
  return { outcomes, purged, reviews };
}

/**
 * The schedule's job for a local server (`npm start`): a round every ALERT_EVALUATE_SECONDS, the
 * next one starting only after the last finished. A failed round is logged and the loop goes on.
 */
export function startAlertLoop(options: AlertRoundOptions & { intervalMs?: number }): {
  stop(): Promise<void>;
} {
  const log = options.log ?? opsLog();
  const intervalMs = options.intervalMs ?? options.env.ALERT_EVALUATE_SECONDS * 1000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const round = () => {
    running = runAlertRound({ ...options, log })
      .catch((error: unknown) =>
        log({ event: 'alert.round-failed', error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(round, intervalMs);
      });
  };
  timer = setTimeout(round, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
