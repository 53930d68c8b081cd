import { z } from 'zod';
import { SlugSchema } from './fields.ts';
import { PageRefSchema } from './page-ref.ts';

/**
 * A campaign: the launch ticket, as content. Marketing fills it in next to the landing pages it
 * drives traffic to, so engineering learns about a launch from the same place the pages come from.
 * The traffic model (`src/lib/campaigns/traffic-model.ts`, docs/campaigns.md) turns these numbers
 * into expected peak rates. Fields that cannot be judged without other content (pages published,
 * forms present, data fields known) are checked by the readiness report, never by the build.
 */

/** Contentful's Date field with time and zone: `2026-12-01T09:00+01:00`, seconds optional. */
export const ZonedDateTimeSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
    'give a date, a time and a time zone, e.g. 2026-12-01T09:00+01:00',
  )
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real date');

const share = (what: string) =>
  z
    .number({ error: `give ${what} as a share between 0 and 1, e.g. 0.05 for 5%` })
    .min(0, `${what} cannot be negative`)
    .max(1, `give ${what} as a share between 0 and 1, e.g. 0.05 for 5%`);

const count = (what: string) =>
  z.number().int(`${what} must be a whole number`).min(0, `${what} cannot be negative`);

const rate = (what: string) => z.number().positive(`${what} must be above 0`);

export const CampaignSchema = z.object({
  type: z.literal('campaign'),
  id: z.string(),
  key: SlugSchema.describe('short id used in commands and as utm_campaign, e.g. winter-sale-2026'),
  name: z.string().trim().min(1, 'give the campaign a name'),
  launchAt: ZonedDateTimeSchema.describe('when the first email goes out or the first ad runs'),
  endAt: ZonedDateTimeSchema.describe('when the campaign stops sending traffic'),
  /** Audience: each source is optional; the model adds up the visits from those given. */
  emailsSent: count('emails sent').optional(),
  emailVisitRate: share('the email click rate').optional(),
  adImpressions: count('ad impressions').optional(),
  adVisitRate: share('the ad click-through rate').optional(),
  otherVisits: count('other visits').optional().describe('visits from social, press or partners'),
  submitRate: share('the form conversion rate').describe('share of visits that submit a form'),
  peakShare: share('the peak share')
    .min(0.01, 'the peak share must be at least 0.01 (1%)')
    .max(0.99, 'the peak share must be below 1: some visitors always come later')
    .describe('share of all visits arriving within the peak window, e.g. 0.6'),
  peakWindowMinutes: z
    .number()
    .int('the peak window must be a whole number of minutes')
    .min(1, 'the peak window must be at least 1 minute')
    .describe('length of the peak window, e.g. 60 for "60% in the first hour"'),
  /** Measured peaks (e.g. from a past send of the same list) override the model when given. */
  measuredPeakPageViewsPerSecond: rate('the measured peak page views per second').optional(),
  measuredPeakLeadsPerSecond: rate('the measured peak leads per second').optional(),
  targetPages: z.array(PageRefSchema).min(1, 'link at least one landing page the campaign sends people to'),
  forms: z
    .array(SlugSchema.describe('a lead form id, e.g. winter-sale-offer'))
    .min(1, 'list the form ids visitors will fill in'),
  newDataFields: z
    .array(z.string().trim().min(1))
    .default([])
    .describe('lead fields the campaign needs; each must exist in src/schemas/lead-fields.ts'),
  /** Delivery: how the campaign's leads share their lane's pace with other campaigns (docs/delivery.md). */
  deliveryWeight: z
    .number({ error: 'give the delivery weight as a number, e.g. 3 for three times an equal share' })
    .positive('the delivery weight must be above 0')
    .max(1_000, 'the delivery weight must be at most 1000')
    .optional()
    .describe('share of its lane against other campaigns waiting there: 3 against 1 is 75 % / 25 %'),
  maxDeliveriesPerSecond: z
    .number({ error: 'give the cap as leads per second, e.g. 20' })
    .positive('the cap must be above 0 leads per second')
    .max(100_000, 'the cap must be at most 100000 leads per second')
    .optional()
    .describe('at most this many of its leads handed to the CRM per second, e.g. what a sales team can call'),
  /** Alert thresholds for this launch (docs/runbook.md, Alerts); empty: ALERT_* configuration, then its default. */
  alertOverForecastFactor: z
    .number({ error: 'give the factor as a number, e.g. 3 for three times the forecast' })
    .gt(1, 'the factor must be above 1: the forecast itself is the plan')
    .max(1_000, 'the factor must be at most 1000')
    .optional()
    .describe('alert when intake runs above this many times the forecast, e.g. 3'),
  alertBacklogClearMinutes: z
    .number({ error: 'give the deadline in minutes, e.g. 120' })
    .int('the deadline must be a whole number of minutes')
    .min(1, 'the deadline must be at least 1 minute')
    .max(10_080, 'the deadline must be at most 10080 minutes (a week)')
    .optional()
    .describe('alert when the backlog would clear later than this many minutes from now, e.g. 120'),
  owner: z.string().trim().min(1, 'name the person who owns the launch'),
  contact: z.email({ error: 'give an email address engineering can reach on launch day' }),
});

export type Campaign = z.infer<typeof CampaignSchema>;

/**
 * What a landing page keeps of its campaign: enough to name it and to deliver its leads (weight
 * and cap, which the build hands to the lead function with the form's rules), nothing personal.
 */
export const CampaignRefSchema = CampaignSchema.pick({
  type: true,
  id: true,
  key: true,
  name: true,
  deliveryWeight: true,
  maxDeliveriesPerSecond: true,
});

export type CampaignRef = z.infer<typeof CampaignRefSchema>;
