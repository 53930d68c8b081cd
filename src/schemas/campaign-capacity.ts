import { z } from 'zod';

/**
 * The measurements the readiness report weighs a campaign against. Both files are written by
 * commands in this repository (`npm run bench:leads`, `npm run loadtest`); they are parsed here
 * because a hand-edited or half-written file must not turn into a confident verdict.
 */

const timestampSchema = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date and time, e.g. 2026-11-23T12:00:00Z');

const rateSchema = z.object({
  requestsPerSecond: z.number().nonnegative(),
  p50Ms: z.number().nonnegative(),
  p99Ms: z.number().nonnegative(),
});

/** `bench/results/leads.json` (bench/leads.ts): only what the readiness report reads is checked. */
export const LeadsBenchResultSchema = z
  .object({
    measuredAt: timestampSchema,
    /** The lead endpoint's highest measured throughput on the benchmark machine. */
    endpoint: rateSchema,
    /** The same server answering a constant 202: the machine's ceiling. */
    ceiling: rateSchema.optional(),
    halfRate: rateSchema.optional(),
    burst: z
      .object({
        sent: z.number().int().nonnegative(),
        accepted: z.number().int().nonnegative(),
        stored: z.number().int().nonnegative(),
        lost: z.number().int().nonnegative(),
        duplicates: z.number().int().nonnegative(),
        seconds: z.number().nonnegative(),
      })
      .optional(),
  })
  .loose();

export type LeadsBenchResult = z.infer<typeof LeadsBenchResultSchema>;

const latencySchema = z.object({ p50Ms: z.number(), p95Ms: z.number(), p99Ms: z.number() });

/** `bench/results/loadtest-<campaign>.json` (scripts/loadtest/loadtest.ts): one readiness run. */
export const LoadTestResultSchema = z.object({
  measuredAt: timestampSchema,
  /** The campaign key replayed, if the run replayed one. */
  campaign: z.string().optional(),
  /** `local` for the in-process server, otherwise the origin that was tested. */
  target: z.string(),
  plan: z.object({
    pageViewsPerSecond: z.number().nonnegative(),
    leadsPerSecond: z.number().nonnegative(),
    durationSeconds: z.number().positive(),
    rampSeconds: z.number().nonnegative(),
    burstSeconds: z.number().nonnegative(),
    burstFactor: z.number().positive(),
  }),
  pageViews: z.object({ sent: z.number().int(), ok: z.number().int(), latency: latencySchema }),
  leads: z.object({
    sent: z.number().int(),
    accepted: z.number().int(),
    latency: latencySchema,
    byStatus: z.record(z.string(), z.number().int()),
  }),
  /** Highest one-second rate of accepted leads, with no 5xx in that second. */
  achievedLeadsPerSecond: z.number().nonnegative(),
  audit: z
    .object({
      accepted: z.number().int(),
      inQueue: z.number().int(),
      delivered: z.number().int(),
      dead: z.number().int(),
      spam: z.number().int(),
      lost: z.number().int(),
      duplicates: z.number().int(),
    })
    .optional(),
});

export type LoadTestResult = z.infer<typeof LoadTestResultSchema>;
