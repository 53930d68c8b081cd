import type { BundledLaunchReview } from '../../../schemas/launch-review.ts';
import { CampaignEnvSchema } from '../../../schemas/campaign-env.ts';
import type { MappedSite } from '../../content/map-space.ts';
import { parseEnv } from '../../env/parse-env.ts';
import { assessCampaigns, upcomingCampaigns } from '../assess-site.ts';
import { EVIDENCE_DIRECTORIES, readEvidence } from '../evidence.ts';
import { launchReviews } from './launch-reviews.ts';
import { reviewTicketOf } from './review-tickets.ts';

/**
 * The build's side of the automatic launch review: each upcoming campaign's review, judged with
 * the build's evidence and settings at build time (right after the publish that triggered it),
 * bundled with the alert schedule, which sends each new or changed ticket once. It never throws:
 * the build's campaign summary already reports what stops an assessment, and a build must not
 * fail over a review (the schedule then has nothing to send, and `campaign:review` still works).
 */
export function bundledReviewsOf(
  site: Pick<MappedSite, 'pages' | 'campaigns'>,
  options: { now?: number; env?: Record<string, string | undefined>; resultsDirectory?: string } = {},
): BundledLaunchReview[] {
  try {
    const now = options.now ?? Date.now();
    const env = parseEnv(CampaignEnvSchema, options.env ?? process.env, 'the launch reviews');
    const evidence = readEvidence(options.resultsDirectory ?? EVIDENCE_DIRECTORIES);
    const upcoming = upcomingCampaigns(site.campaigns, now);
    const reviews = launchReviews(site, assessCampaigns(site, upcoming, { evidence, env, now }));
    return reviews.map((review) => ({
      ...reviewTicketOf(review),
      endAt: new Date(Date.parse(review.campaign.endAt)).toISOString(),
      verdict: review.verdict,
      message: review.message,
    }));
  } catch {
    return [];
  }
}
