import { z } from 'zod';
import { CampaignSchema } from './campaign.ts';
import { PageRefSchema } from './page-ref.ts';

/**
 * The launch ticket as the ops functions carry it: what the post-campaign report, the per-ticket
 * alert thresholds and the "live form without a ticket" check read. The owner and contact stay in
 * the content; target pages are kept as their slugs.
 */
export const LaunchTicketSchema = CampaignSchema.omit({
  owner: true,
  contact: true,
  targetPages: true,
}).extend({
  targetPages: z.array(PageRefSchema.pick({ slug: true })).max(500),
});

export type LaunchTicket = z.infer<typeof LaunchTicketSchema>;

/**
 * A running or upcoming campaign's launch-ticket forecast, as the build bundles it with the ops
 * functions (`.floodgate/launch-forecasts.json`, src/integrations/ops-bundle.ts). Only what the
 * forecast needs: the ticket's owner and contact stay in the content.
 */
export const LaunchForecastSchema = z.object({
  key: z.string().min(1).max(100),
  name: z.string().max(300),
  /** ISO instants. */
  launchAt: z.iso.datetime({ offset: true }),
  endAt: z.iso.datetime({ offset: true }),
  /** The campaign's form ids: a lead of one of them counts for the campaign, as does its utm_campaign. */
  forms: z.array(z.string().max(100)).max(100),
  /** The traffic model's (or the measured) peak at launch, and τ of its exponential decay. */
  peakLeadsPerSecond: z.number().nonnegative(),
  timeConstantSeconds: z.number().positive(),
  leadsSource: z.enum(['model', 'measured']),
  /** The ticket itself; absent in bundles from builds before it was carried. */
  ticket: LaunchTicketSchema.optional(),
});

export type LaunchForecast = z.infer<typeof LaunchForecastSchema>;

export const LaunchForecastsSchema = z.array(LaunchForecastSchema).max(500);
