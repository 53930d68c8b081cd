import type { BundledLaunchReview } from '../../schemas/launch-review.ts';
import type { OpsEnv } from '../../schemas/ops-env.ts';
import { reviewTickets, type ReviewOutcome } from '../campaigns/review/review-tickets.ts';
import type { SqlClient } from '../db/sql-client.ts';
import { sendAlert } from './alert-webhook.ts';
import type { OpsLog } from './ops-log.ts';

export interface ReviewRoundOptions {
  db: SqlClient;
  env: OpsEnv;
  /** The reviews this deploy's build judged (undefined when the deploy carries none). */
  reviews: () => Promise<BundledLaunchReview[] | undefined>;
  now: number;
  fetch: typeof globalThis.fetch;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  log: OpsLog;
}

/**
 * The launch review, sent by the alert schedule: each ticket of this deploy that is new or changed
 * since its last review goes to the alert channel once (one claim statement for all of them,
 * migration 0071); when nothing changed that statement is all a round costs. Without a webhook
 * nothing is claimed, so the reviews wait for one instead of being marked as sent.
 */
export async function sendLaunchReviews(options: ReviewRoundOptions): Promise<ReviewOutcome[]> {
  const { env, now, log } = options;
  if (!env.ALERT_WEBHOOK_URL || !env.ALERT_WEBHOOK_SECRET) return [];
  const hook = {
    url: env.ALERT_WEBHOOK_URL,
    secret: env.ALERT_WEBHOOK_SECRET,
    fetch: options.fetch,
    now: options.clock,
    sleep: options.sleep,
  };
  const running = ((await options.reviews()) ?? []).filter((review) => Date.parse(review.endAt) > now);
  const outcomes = await reviewTickets({
    db: options.db,
    tickets: running,
    now,
    send: (message) => sendAlert(hook, message),
  });
  for (const outcome of outcomes)
    if (outcome.result !== 'unchanged')
      log({
        event: `review.${outcome.result}`,
        campaign: outcome.campaign,
        ...(outcome.error ? { error: outcome.error } : {}),
      });
  return outcomes;
}
