import { z } from 'zod';
import { isProductionEnv, RuntimeContextShape } from './env-context.ts';
import { FunctionSiteUrlShape } from './function-site-env.ts';

/**
 * Outside production a fixed secret is fine (`npm start`, tests): it is public in this repository,
 * so the schema refuses production without a real one.
 */
export const DEV_CONFIRM_SECRET = 'floodgate-dev-confirm-secret-not-for-production';

const dayMs = 86_400_000;

/**
 * Days an unconfirmed lead (and its link) lives before the retention purge deletes it; shared by
 * the worker's purge (DeliveryEnvSchema) and the link's expiry (MailEnvSchema).
 */
export const unconfirmedRetentionDays = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,6})?$/, 'LEADS_UNCONFIRMED_RETENTION_DAYS must be a number of days')
  .default('7')
  .transform(Number)
  .pipe(
    z
      .number()
      .min(0.001, 'LEADS_UNCONFIRMED_RETENTION_DAYS must be above 0')
      .max(365, 'LEADS_UNCONFIRMED_RETENTION_DAYS must be at most 365'),
  );

/**
 * Double opt-in and lead mails (docs/lead-capture.md, "Double opt-in"): read by the worker that
 * sends the mails (deliver-leads, deliver-leads-background, `npm start`), and for the secret and the
 * period by the confirm function. SMTP is optional: without `SMTP_URL` confirmation mails wait in
 * `lead_mails` (counted on `leads:status`) until it is set.
 */
export const MailEnvSchema = z
  .object({
    /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`, as nodemailer takes it. */
    SMTP_URL: z
      .url({
        protocol: /^smtps?$/,
        error: 'SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@smtp.example.com:465',
      })
      .optional(),
    /** The sender: `news@example.com` or `"Harbor" <news@example.com>`. */
    MAIL_FROM: z
      .string()
      .trim()
      .regex(
        /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
        'MAIL_FROM must be an address, e.g. "Harbor" <news@example.com>',
      )
      .optional(),
    /** Signs confirmation links (HMAC-SHA256); at least 32 characters. */
    LEADS_CONFIRM_SECRET: z
      .string()
      .min(32, 'LEADS_CONFIRM_SECRET must be at least 32 characters')
      .optional(),
    LEADS_UNCONFIRMED_RETENTION_DAYS: unconfirmedRetentionDays,
    ...FunctionSiteUrlShape,
    ...RuntimeContextShape,
  })
  .superRefine((env, ctx) => {
    if (env.SMTP_URL && !env.MAIL_FROM)
      ctx.addIssue({
        code: 'custom',
        path: ['MAIL_FROM'],
        message: 'is not set: SMTP_URL needs a sender address',
      });
    if (isProductionEnv(env) && !env.LEADS_CONFIRM_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['LEADS_CONFIRM_SECRET'],
        message:
          'is not set: production signs confirmation links; use 32+ random characters (openssl rand -hex 32)',
      });
  })
  .transform((env) => ({
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    confirmSecret: env.LEADS_CONFIRM_SECRET ?? DEV_CONFIRM_SECRET,
    unconfirmedRetentionMs: env.LEADS_UNCONFIRMED_RETENTION_DAYS * dayMs,
    siteUrl: env.DEPLOY_URL ?? env.URL ?? env.SITE_URL,
  }));

export type MailEnv = z.output<typeof MailEnvSchema>;
