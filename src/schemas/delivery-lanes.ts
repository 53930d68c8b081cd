import { z } from 'zod';

/**
 * Delivery lanes: a lead form's priority, set by marketers on the form (docs/delivery.md). Each
 * lane has a guaranteed share of the one global pace; a share a lane does not use flows to the
 * others, so no lane waits while the CRM has room, and no lane with leads ever gets nothing.
 */
export const leadLanes = ['urgent', 'normal', 'bulk'] as const;

export const LeadLaneSchema = z
  .enum(leadLanes, { error: `must be one of: ${leadLanes.join(', ')}` })
  .describe('urgent: demo and sales requests; normal: most forms; bulk: newsletters and waitlists');

export type LeadLane = z.infer<typeof LeadLaneSchema>;

/** A form without a priority. */
export const defaultLeadLane: LeadLane = 'normal';

/** What ops can pause: a whole lane, one campaign (its key) or one form (its id). */
export type PauseTarget = { kind: 'lane'; key: LeadLane } | { kind: 'campaign' | 'form'; key: string };

/** Each lane's guaranteed share of the pace, in percent of the whole. */
export type LaneShares = Record<LeadLane, number>;

export const defaultLaneShares: LaneShares = { urgent: 70, normal: 25, bulk: 5 };

/**
 * `LEADS_LANE_SHARES`: `urgent,normal,bulk` percentages, e.g. `70,25,5`. Every share must be above
 * 0 (a lane with 0 would starve whenever another lane has leads) and together they make 100.
 */
export const LaneSharesSchema = z
  .string()
  .regex(/^\s*\d{1,3}(\.\d+)?\s*,\s*\d{1,3}(\.\d+)?\s*,\s*\d{1,3}(\.\d+)?\s*$/, {
    error: 'LEADS_LANE_SHARES must be three percentages, urgent,normal,bulk, e.g. 70,25,5',
  })
  .transform((value) => value.split(',').map(Number))
  .refine((shares) => shares.every((share) => share > 0), {
    error: 'LEADS_LANE_SHARES: every lane needs a share above 0, or it could starve',
  })
  .refine((shares) => Math.abs(shares.reduce((sum, share) => sum + share, 0) - 100) < 1e-6, {
    error: 'LEADS_LANE_SHARES must add up to 100',
  })
  .transform(([urgent = 0, normal = 0, bulk = 0]): LaneShares => ({ urgent, normal, bulk }));

/** `LEADS_LANE_SHARES` as the worker reads it: unset means 70,25,5. */
export const LaneSharesEnvSchema = z.string().default('70,25,5').pipe(LaneSharesSchema);
