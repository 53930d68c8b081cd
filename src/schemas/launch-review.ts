import { z } from 'zod';

/**
 * A launch ticket's review as the build bundles it with the alert schedule
 * (`.floodgate/launch-reviews.json`, src/integrations/ops-bundle.ts): the message the on-call
 * reviewer gets, computed with the build's readiness evidence, and the hash of the ticket it was
 * computed from (migration 0071 sends each hash once).
 */
export const BundledLaunchReviewSchema = z.object({
  campaignId: z.string().min(1).max(200),
  campaignKey: z.string().min(1).max(100),
  ticketHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex'),
  /** ISO instant: a review of a campaign that has ended is never sent. */
  endAt: z.iso.datetime({ offset: true }),
  verdict: z.enum(['go', 'at-risk', 'no-go']),
  /** The Slack-compatible message (src/lib/campaigns/review/review-message.ts). */
  message: z.looseObject({ text: z.string().min(1).max(3000) }),
});

export type BundledLaunchReview = z.infer<typeof BundledLaunchReviewSchema>;

export const BundledLaunchReviewsSchema = z.array(BundledLaunchReviewSchema).max(500);
