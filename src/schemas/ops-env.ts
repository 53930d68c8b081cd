import { z } from 'zod';
import { DeliveryEnvSchema } from './delivery-env.ts';
import { PrivacyEnvShape } from './privacy-env.ts';

const whole = (name: string, fallback: number, min: number, max: number) => {
  const range = `${name} must be between ${min} and ${max}`;
  return z
    .string()
    .regex(/^\d{1,9}(\.\d{1,3})?$/, `${name} must be a number`)
    .default(String(fallback))
    .transform(Number)
    .pipe(z.number().min(min, range).max(max, range));
};

/**
 * The launch control room: `/ops/`, `/api/ops/metrics` and the alert rules (netlify/functions/ops*.mts,
 * src/lib/ops/). Every threshold has a default; see .env.example and docs/runbook.md.
 */
export const OpsEnvSchema = z
  .object({
    /** The operator token. Unset: `/ops/` and `/api/ops/metrics` answer 404 (off, never open). */
    OPS_TOKEN: z
      .string()
      .min(24, 'OPS_TOKEN must be at least 24 characters (openssl rand -hex 24)')
      .optional(),
    /** How long a sign-in lasts, in hours. */
    OPS_SESSION_HOURS: whole('OPS_SESSION_HOURS', 12, 0.1, 168),
    /** Days per-minute rollups (counts, time to CRM) are kept; purged by the alert schedule. */
    OPS_ROLLUP_RETENTION_DAYS: whole('OPS_ROLLUP_RETENTION_DAYS', 400, 1, 3650),
    /** Where alerts go: a Slack incoming webhook or any endpoint taking `{ text, blocks }`. Unset: no alerts sent. */
    ALERT_WEBHOOK_URL: z
      .url({ protocol: /^https?$/, error: 'ALERT_WEBHOOK_URL must be an http(s) URL' })
      .optional(),
    /** Signs every alert (X-Floodgate-Signature); the receiver verifies it as it would a CRM call. */
    ALERT_WEBHOOK_SECRET: z
      .string()
      .min(32, 'ALERT_WEBHOOK_SECRET must be at least 32 characters')
      .optional(),
    /** The site's public URL, for the link to /ops/ in alerts (Netlify sets URL). */
    URL: z.url({ error: 'URL must be the site URL' }).optional(),
    /** How often `npm start` evaluates the rules (Netlify's schedule runs every minute). */
    ALERT_EVALUATE_SECONDS: whole('ALERT_EVALUATE_SECONDS', 60, 5, 3600),
    /** Oldest queued lead older than this many minutes fires `oldest-queued`. */
    ALERT_OLDEST_QUEUED_MINUTES: whole('ALERT_OLDEST_QUEUED_MINUTES', 15, 1, 10_000),
    /** Dead letters made in the last this many minutes fire `new-dead-letters`. */
    ALERT_DEAD_LETTER_WINDOW_MINUTES: whole('ALERT_DEAD_LETTER_WINDOW_MINUTES', 15, 1, 1440),
    /** Leads queued and none delivered for this many minutes fires `delivery-stalled`. */
    ALERT_STALLED_MINUTES: whole('ALERT_STALLED_MINUTES', 10, 1, 1440),
    /** Share (percent) of intake answered 5xx (mostly 503) over the last 5 minutes that fires `intake-unavailable`. */
    ALERT_INTAKE_503_PERCENT: whole('ALERT_INTAKE_503_PERCENT', 5, 0.1, 100),
    /** Share (percent) of submissions filed as spam over the last 10 minutes that fires `spam-spike`. */
    ALERT_SPAM_PERCENT: whole('ALERT_SPAM_PERCENT', 50, 1, 100),
    /** Fewest submissions in a window before a share (503, spam) can fire: a handful is noise. */
    ALERT_MIN_SAMPLE: whole('ALERT_MIN_SAMPLE', 20, 1, 100_000),
    /** A running campaign's accepted leads (last 5 whole minutes) above this multiple of its ticket's forecast fires `over-forecast`. */
    ALERT_OVER_FORECAST_FACTOR: whole('ALERT_OVER_FORECAST_FACTOR', 2, 1, 1000),
    /**
     * The backlog must clear within this many minutes (the readiness policy's longest acceptable lead
     * delay), or `backlog-deadline` fires; "not clearing" fires unless the launch ticket expects growth.
     */
    ALERT_BACKLOG_CLEAR_MINUTES: whole('ALERT_BACKLOG_CLEAR_MINUTES', 60, 1, 10_000),
    /** A lead waiting in the Blobs outbox (the database was away) longer than this many minutes fires `outbox-held`. */
    ALERT_OUTBOX_MINUTES: whole('ALERT_OUTBOX_MINUTES', 5, 1, 1440),
    /** Minutes between reminders while a rule keeps firing. */
    ALERT_REMINDER_MINUTES: whole('ALERT_REMINDER_MINUTES', 30, 1, 1440),
    /** Dead letters are purged after this many days; `dead-letters-nearing-purge` fires a week before. */
    LEADS_DEAD_RETENTION_DAYS: PrivacyEnvShape.LEADS_DEAD_RETENTION_DAYS,
    /** Keys erasure tombstones made from /ops/privacy/ (docs/privacy.md). */
    PRIVACY_HASH_SECRET: PrivacyEnvShape.PRIVACY_HASH_SECRET,
    /** The configured delivery pace, drawn beside the pace achieved (parsed as the worker parses it). */
    LEADS_DELIVERY_RATE: DeliveryEnvSchema.shape.LEADS_DELIVERY_RATE,
  })
  .superRefine((env, ctx) => {
    if (env.ALERT_WEBHOOK_URL && !env.ALERT_WEBHOOK_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['ALERT_WEBHOOK_SECRET'],
        message: 'is not set: alerts are signed; use 32+ random characters (openssl rand -hex 32)',
      });
  });

export type OpsEnv = z.infer<typeof OpsEnvSchema>;
