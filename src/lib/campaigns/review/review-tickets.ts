import { createHash } from 'node:crypto';
import type { SqlClient } from '../../db/sql-client.ts';
import type { Campaign } from '../../../schemas/campaign.ts';
import { claimReviewSql, reviewFailedSql } from './review-sql.ts';

/** The ticket as reviewed: a hash of every field, keys sorted, so any change (and only a change) differs. */
export function ticketHash(campaign: Campaign): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(sorted(campaign)))
    .digest('hex');
}

export interface ReviewOutcome {
  campaign: string;
  /** `sent`: new or changed and delivered; `unchanged`: reviewed before; `failed`: will be sent again next run. */
  result: 'sent' | 'unchanged' | 'failed';
  error?: string;
}

/**
 * Send the review of each ticket that is new or changed since its last review, once across every
 * runner (the claim is one upsert). `send` answers an error text, or undefined once delivered
 * (`sendAlert`'s contract, retries included).
 */
export async function reviewTickets(input: {
  db: SqlClient;
  tickets: readonly { campaign: Campaign; verdict: string; message: unknown }[];
  now: number;
  send: (message: unknown) => Promise<string | undefined>;
}): Promise<ReviewOutcome[]> {
  const outcomes: ReviewOutcome[] = [];
  for (const { campaign, verdict, message } of input.tickets) {
    const hash = ticketHash(campaign);
    const { rows } = await input.db.query(claimReviewSql, [campaign.id, hash, new Date(input.now), verdict]);
    if (rows.length === 0) {
      outcomes.push({ campaign: campaign.key, result: 'unchanged' });
      continue;
    }
    const error = await input.send(message);
    if (error === undefined) outcomes.push({ campaign: campaign.key, result: 'sent' });
    else {
      await input.db.query(reviewFailedSql, [campaign.id, hash, error]);
      outcomes.push({ campaign: campaign.key, result: 'failed', error });
    }
  }
  return outcomes;
}
