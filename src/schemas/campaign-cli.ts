import { z } from 'zod';

/**
 * Command-line options of `npm run campaign:ready` and `npm run loadtest`, as `node:util`
 * `parseArgs` returns them (strings), validated and converted here.
 */
const positiveNumber = (flag: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `${flag} takes a number, e.g. ${flag} 2`)
    .transform(Number)
    .pipe(z.number().positive(`${flag} must be above 0`));

/** A command-line date and time (`--now`, `--from`, `--to`) as epoch milliseconds. */
export const instant = (flag: string) =>
  z
    .string()
    .refine(
      (value) => !Number.isNaN(Date.parse(value)),
      `${flag} takes a date and time, e.g. 2026-12-01T08:00Z`,
    )
    .transform((value) => Date.parse(value));

/** `npm run campaign:ready [campaign] [--now …] [--out reports] …` */
export const ReadyArgsSchema = z.object({
  campaign: z
    .string()
    .min(1)
    .optional()
    .describe('a campaign key or entry id; default: every upcoming campaign'),
  content: z.string().min(1).optional().describe('the space export to read; default: CONTENT_FILE'),
  out: z.string().min(1).default('reports'),
  /** The committed `bench:leads` result; load tests are read from `out` as well. */
  results: z.string().min(1).default('bench/results'),
  now: instant('--now').optional().describe('judge as of this instant, e.g. the morning of the launch'),
  headroom: positiveNumber('--headroom').optional(),
  maxDelay: positiveNumber('--max-delay').optional().describe('minutes a lead may wait for the CRM'),
});

export type ReadyArgs = z.infer<typeof ReadyArgsSchema>;

const seconds = (flag: string, fallback: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `${flag} takes a number of seconds, e.g. ${flag} ${fallback}`)
    .default(String(fallback))
    .transform(Number);

/** `npm run loadtest -- --campaign <key> | --rate <leads/s> [--duration 30] [--ramp 5] …` */
export const LoadTestArgsSchema = z
  .object({
    campaign: z.string().min(1).optional(),
    /** Peak lead posts per second; overrides the campaign's. */
    rate: positiveNumber('--rate').optional(),
    /** Peak page views per second; default: the campaign's, or 10 per lead. */
    pageViews: positiveNumber('--page-views').optional(),
    /** Multiply the campaign's peaks, e.g. 2 to prove 2× headroom. */
    scale: positiveNumber('--scale').default(1),
    duration: seconds('--duration', 30).pipe(z.number().min(1, '--duration must be at least 1 second')),
    ramp: seconds('--ramp', 5),
    burst: seconds('--burst', 5),
    burstFactor: positiveNumber('--burst-factor').default(2),
    /** After the load, how long to wait for the worker to empty the queue. */
    drainTimeout: seconds('--drain-timeout', 120),
    /** Share of posts that resend an earlier submission (double clicks, network retries). */
    retryShare: z
      .string()
      .regex(/^(0(\.\d+)?|1)$/, '--retry-share takes a share between 0 and 1, e.g. 0.02')
      .default('0.02')
      .transform(Number),
    url: z
      .url({
        protocol: /^https?$/,
        error: '--url takes an http(s) URL such as https://preview--site.netlify.app',
      })
      .optional(),
    yes: z.boolean().default(false),
    noWorker: z.boolean().default(false),
    content: z.string().min(1).optional(),
    out: z.string().min(1).default('reports'),
    /** The result JSON goes next to the HTML report, in `reports/` (ignored by git). */
    results: z.string().min(1).default('reports'),
  })
  .refine((args) => args.campaign !== undefined || args.rate !== undefined, {
    message: 'give --campaign <key> to replay a campaign, or --rate <leads per second>',
    path: ['campaign'],
  })
  .refine((args) => args.ramp + args.burst <= args.duration, {
    message: '--ramp plus --burst must fit within --duration',
    path: ['duration'],
  });

export type LoadTestArgs = z.infer<typeof LoadTestArgsSchema>;
