import { z } from 'zod';
import { LaneSharesEnvSchema } from './delivery-lanes.ts';
import { PrivacyEnvShape } from './privacy-env.ts';
import { FunctionSiteUrlShape } from './function-site-env.ts';
import { unconfirmedRetentionDays } from './mail-env.ts';
import { isProductionEnv, RuntimeContextShape } from './env-context.ts';

/**
 * How often Netlify starts `deliver-leads`, the safety net (its `schedule` is every 10 minutes).
 * Netlify Database suspends after 5 idle minutes: a schedule that queried every minute would keep
 * it awake (and billed) on a site with no leads. Leads start the drainer themselves (drainer-kick.ts).
 */
export const DELIVERY_SCHEDULE_INTERVAL_SECONDS = 600;

/** A background drainer hands over to the next one at the end of its budget; starting one takes about this long. */
const drainerHandoverMs = 2_000;

/**
 * Netlify stops a scheduled function after 30 s. A run stops claiming at its time budget and then
 * waits for calls already sent (each at most the per-call timeout), so budget + timeout must leave
 * a margin for start-up and the final bookkeeping.
 * https://docs.netlify.com/build/functions/configuration/ (Scheduled execution limit: 30 seconds)
 */
export const SCHEDULED_FUNCTION_LIMIT_MS = 30_000;

/**
 * How long the background drainer (`deliver-leads-background`) claims leads. Netlify stops a
 * background function after 15 minutes; the rest is room for calls in flight (each at most
 * LEADS_DELIVERY_TIMEOUT_MS, ≤ 25 s) and bookkeeping. src/lib/delivery/time-budget.ts picks the
 * budget by the function a drain runs in.
 * https://docs.netlify.com/build/functions/background-functions/
 */
export const BACKGROUND_FUNCTION_LIMIT_MS = 15 * 60_000;
export const BACKGROUND_DRAIN_BUDGET_MS = 13 * 60_000;
const bookkeepingMarginMs = 3_000;

/**
 * Sanity bounds, not capacities: the pace is what the CRM and the database take. Measured on a
 * 2-core machine (docs/benchmarks.md, `npm run bench:queue`), one worker delivered several thousand
 * leads/s into a loopback CRM; the bound only catches a typo.
 */
const maxRatePerSecond = 100_000;
/** In-flight calls per worker, at most: the pace × the CRM's latency is kept below this. */
const maxConcurrency = 5_000;

const number = (name: string, options: { fallback: number; min: number; max: number; whole?: boolean }) => {
  const kind = options.whole === false ? 'a number' : 'a whole number';
  const pattern = options.whole === false ? /^\d{1,9}(\.\d{1,6})?$/ : /^\d{1,9}$/;
  const range = `${name} must be between ${options.min} and ${options.max}`;
  return z
    .string()
    .regex(pattern, `${name} must be ${kind}`)
    .default(String(options.fallback))
    .transform(Number)
    .pipe(z.number().min(options.min, range).max(options.max, range));
};

/** Where the background drainer is started: this deploy's own URL, from configuration, never a Host header. */
/**
 * Variables the delivery worker (`deliver-leads`, `npm run leads:drain`), the health endpoint and
 * the ops scripts read. Parsed output keeps the variable names, so other areas (campaign
 * readiness) can read e.g. `LEADS_DELIVERY_RATE` from the same parse. See .env.example.
 */
export const DeliveryEnvSchema = z
  .object({
    /** Leads per second sent to the CRM, across all workers together (a token bucket's refill rate). */
    LEADS_DELIVERY_RATE: number('LEADS_DELIVERY_RATE', {
      fallback: 10,
      min: 0.01,
      max: maxRatePerSecond,
      whole: false,
    }),
    /** Leads that may go at once after the worker sat idle (the bucket's size). */
    LEADS_DELIVERY_BURST: number('LEADS_DELIVERY_BURST', { fallback: 10, min: 1, max: maxRatePerSecond }),
    /**
     * The ceiling on CRM calls in flight per worker. Below it a worker keeps what the pace needs at
     * the CRM's observed latency in flight (pace × latency, src/lib/delivery/delivery-concurrency.ts).
     */
    LEADS_DELIVERY_CONCURRENCY: number('LEADS_DELIVERY_CONCURRENCY', {
      fallback: 200,
      min: 1,
      max: maxConcurrency,
    }),
    /** Attempts per lead before it becomes a dead letter. */
    LEADS_DELIVERY_MAX_ATTEMPTS: number('LEADS_DELIVERY_MAX_ATTEMPTS', { fallback: 10, min: 1, max: 50 }),
    /** Per-call timeout: a CRM call still unanswered after this counts as failed (and is retried). */
    LEADS_DELIVERY_TIMEOUT_MS: number('LEADS_DELIVERY_TIMEOUT_MS', {
      fallback: 8_000,
      min: 100,
      max: 25_000,
    }),
    /**
     * `true` (default): an accepted lead, or the schedule finding leads due, starts the background
     * drainer (one at a time), which hands over to the next at the end of its budget. `false`: the
     * scheduled run drains for its budget every 10 minutes, nothing else.
     */
    LEADS_DELIVERY_CONTINUOUS: z
      .enum(['true', 'false'], { error: 'LEADS_DELIVERY_CONTINUOUS must be true or false' })
      .default('true')
      .transform((value) => value === 'true'),
    /**
     * How long one run of the scheduled safety net claims leads (with LEADS_DELIVERY_CONTINUOUS=false,
     * its only drain); it then finishes the calls it already sent. The background drainer's budget
     * is minutes (BACKGROUND_DRAIN_BUDGET_MS), not this.
     */
    LEADS_DELIVERY_TIME_BUDGET_MS: number('LEADS_DELIVERY_TIME_BUDGET_MS', {
      fallback: 18_000,
      min: 1_000,
      max: 25_000,
    }),
    /** First retry waits up to this (full jitter), doubling per attempt up to the maximum. */
    LEADS_DELIVERY_BACKOFF_BASE_MS: number('LEADS_DELIVERY_BACKOFF_BASE_MS', {
      fallback: 5_000,
      min: 1,
      max: 3_600_000,
    }),
    LEADS_DELIVERY_BACKOFF_MAX_MS: number('LEADS_DELIVERY_BACKOFF_MAX_MS', {
      fallback: 1_800_000,
      min: 1,
      max: 86_400_000,
    }),
    /** Consecutive failed calls (5xx, 429, timeouts, network errors) that open the circuit. */
    LEADS_CIRCUIT_FAILURE_THRESHOLD: number('LEADS_CIRCUIT_FAILURE_THRESHOLD', {
      fallback: 5,
      min: 1,
      max: 1000,
    }),
    /** How long an open circuit stops all CRM calls before one probe is allowed. */
    LEADS_CIRCUIT_COOLDOWN_MS: number('LEADS_CIRCUIT_COOLDOWN_MS', {
      fallback: 30_000,
      min: 100,
      max: 3_600_000,
    }),
    /** Days a delivered lead's id, timestamps and outcome are kept (its PII is deleted on delivery). */
    LEADS_RETENTION_DAYS: number('LEADS_RETENTION_DAYS', { fallback: 7, min: 0, max: 365, whole: false }),
    /** Days a double opt-in lead waits for its link to be clicked before it is purged (mail-env.ts). */
    LEADS_UNCONFIRMED_RETENTION_DAYS: unconfirmedRetentionDays,
    /** Each lane's guaranteed share of the pace, urgent,normal,bulk in percent (docs/delivery.md). */
    LEADS_LANE_SHARES: LaneSharesEnvSchema,
    /** The erasure screen's secret and the dead-letter retention (docs/privacy.md). */
    ...PrivacyEnvShape,
    CRM_WEBHOOK_URL: z
      .url({
        protocol: /^https?$/,
        error: 'CRM_WEBHOOK_URL must be an http(s) URL such as https://crm.example.com/hooks/leads',
      })
      .optional(),
    CRM_WEBHOOK_SECRET: z.string().min(32, 'CRM_WEBHOOK_SECRET must be at least 32 characters').optional(),
    /** Bearer token for `/api/leads/health`; without it the endpoint answers 503. */
    LEADS_HEALTH_TOKEN: z.string().min(24, 'LEADS_HEALTH_TOKEN must be at least 24 characters').optional(),
    /** Where the scheduled worker starts the background drainer: `functionSiteUrl`, never a Host header. */
    ...FunctionSiteUrlShape,
    ...RuntimeContextShape,
  })
  .superRefine((env, ctx) => {
    const production = isProductionEnv(env);
    if (production && !env.CRM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['CRM_WEBHOOK_SECRET'],
        message:
          'is not set: production signs every CRM call; use 32+ random characters (openssl rand -hex 32)',
      });
    }
    if (production && !env.CRM_WEBHOOK_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['CRM_WEBHOOK_URL'],
        message: 'is not set: production needs the CRM endpoint',
      });
    }
    if (
      env.LEADS_DELIVERY_TIME_BUDGET_MS + env.LEADS_DELIVERY_TIMEOUT_MS >
      SCHEDULED_FUNCTION_LIMIT_MS - bookkeepingMarginMs
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['LEADS_DELIVERY_TIME_BUDGET_MS'],
        message: `plus LEADS_DELIVERY_TIMEOUT_MS must stay under ${(SCHEDULED_FUNCTION_LIMIT_MS - bookkeepingMarginMs) / 1000} s (Netlify stops scheduled functions at 30 s)`,
      });
    }
  });

export type DeliveryEnv = z.infer<typeof DeliveryEnvSchema>;

/**
 * Outside production a fixed secret is fine: the dev CRM (`npm start`) uses the same one. It is
 * public in this repository, so the schema refuses to run production without a real one.
 */
export const DEV_CRM_WEBHOOK_SECRET = 'floodgate-dev-crm-secret-not-for-production';

/** The secret CRM calls are signed with (and the background drainer's token derived from). */
export const crmWebhookSecret = (env: Pick<DeliveryEnv, 'CRM_WEBHOOK_SECRET'>): string =>
  env.CRM_WEBHOOK_SECRET ?? DEV_CRM_WEBHOOK_SECRET;

/**
 * Share of wall time spent draining while there is a backlog. Scheduled runs alone: their budget per
 * one-minute run. Continuous: a background drainer runs for its budget, and the worst gap before the
 * next scheduled run starts another is one interval, of which the scheduled run itself drains its
 * budget.
 */
export function deliveryDutyCycle(
  env: Pick<DeliveryEnv, 'LEADS_DELIVERY_TIME_BUDGET_MS' | 'LEADS_DELIVERY_CONTINUOUS'>,
): number {
  const intervalMs = DELIVERY_SCHEDULE_INTERVAL_SECONDS * 1000;
  if (!env.LEADS_DELIVERY_CONTINUOUS) return env.LEADS_DELIVERY_TIME_BUDGET_MS / intervalMs;
  return BACKGROUND_DRAIN_BUDGET_MS / (BACKGROUND_DRAIN_BUDGET_MS + drainerHandoverMs);
}

/**
 * What starting the background drainer needs (the lead function reads only this, so a missing CRM
 * setting never takes intake down): the trigger URL and the secret its token is derived from.
 */
export const DrainerTriggerEnvSchema = z.object({
  ...FunctionSiteUrlShape,
  // Without a CRM the drainer could deliver nothing: the intake then starts none (mayStartDrainer).
  CRM_WEBHOOK_URL: DeliveryEnvSchema.shape.CRM_WEBHOOK_URL,
  CRM_WEBHOOK_SECRET: DeliveryEnvSchema.shape.CRM_WEBHOOK_SECRET,
  LEADS_DELIVERY_CONTINUOUS: DeliveryEnvSchema.shape.LEADS_DELIVERY_CONTINUOUS,
});

export type DrainerTriggerEnv = z.infer<typeof DrainerTriggerEnvSchema>;

/** Only what the health endpoint reads, so a CRM misconfiguration cannot take the health check down with it. */
export const HealthEnvSchema = z.object({
  LEADS_HEALTH_TOKEN: DeliveryEnvSchema.shape.LEADS_HEALTH_TOKEN,
});
