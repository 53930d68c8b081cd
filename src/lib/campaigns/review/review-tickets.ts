import { createHash } from 'node:crypto';
import type { SqlClient } from '../../db/sql-client.ts';
import type { Campaign } from '../../../schemas/campaign.ts';
import { claimReviewsSql, reviewFailedSql } from './review-sql.ts';

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

/** One ticket's review, ready to claim and send (the CLI's, or the one the build bundled). */
export interface ReviewTicket {
  campaignId: string;
  campaignKey: string;
  ticketHash: string;
  verdict: string;
  message: unknown;
}

/** A review as `launchReviews` computes it, as a ticket to claim. */
export const reviewTicketOf = (review: {
  campaign: Campaign;
  verdict: string;
  message: unknown;
}): ReviewTicket => ({
  campaignId: review.campaign.id,
  campaignKey: review.campaign.key,
  ticketHash: ticketHash(review.campaign),
  verdict: review.verdict,
  message: review.message,
});

export interface ReviewOutcome {
  campaign: string;
  /** `sent`: new or changed and delivered; `unchanged`: reviewed before; `failed`: will be sent again next run. */
  result: 'sent' | 'unchanged' | 'failed';
  error?: string;
}

/**
 * Send the review of each ticket that is new or changed since its last review, once across every
 * runner: the claim is one upsert for the whole batch. `send` answers an error text, or undefined
 * once delivered (`sendAlert`'s contract, retries included).
 */
export async function reviewTickets(input: {
  db: SqlClient;
  tickets: readonly ReviewTicket[];
  now: number;
  send: (message: unknown) => Promise<string | undefined>;
}): Promise<ReviewOutcome[]> {
  // One row per campaign: an upsert cannot touch the same row twice in one statement.
  const tickets = [...new Map(input.tickets.map((ticket) => [ticket.campaignId, ticket])).values()];
  if (tickets.length === 0) return [];
  const { rows } = await input.db.query<{ campaign_id: string }>(claimReviewsSql, [
    tickets.map((ticket) => ticket.campaignId),
    tickets.map((ticket) => ticket.ticketHash),
    tickets.map((ticket) => ticket.verdict),
    new Date(input.now),
  ]);
  const claimed = new Set(rows.map((row) => row.campaign_id));
  const outcomes: ReviewOutcome[] = [];
  for (const ticket of tickets) {
    if (!claimed.has(ticket.campaignId)) {
      outcomes.push({ campaign: ticket.campaignKey, result: 'unchanged' });
      continue;
    }
    const error = await input.send(ticket.message);
    if (error === undefined) outcomes.push({ campaign: ticket.campaignKey, result: 'sent' });
    else {
      await input.db.query(reviewFailedSql, [ticket.campaignId, ticket.ticketHash, error]);
      outcomes.push({ campaign: ticket.campaignKey, result: 'failed', error });
    }
  }
  return outcomes;
}
