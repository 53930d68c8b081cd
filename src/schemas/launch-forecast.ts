import { z } from 'zod';

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
});

export type LaunchForecast = z.infer<typeof LaunchForecastSchema>;

export const LaunchForecastsSchema = z.array(LaunchForecastSchema).max(500);
