import { z } from 'zod';
import type { PauseTarget } from './delivery-lanes.ts';
import { LeadLaneSchema } from './delivery-lanes.ts';
import { SlugSchema } from './fields.ts';

/** `npm run leads:drain -- [--budget <seconds>] [--watch] [--verbose]` */
export const DrainArgsSchema = z.object({
  /** Stop claiming after this many seconds (a terminal has no 30 s limit, but should still end). */
  budget: z.coerce
    .number({ error: '--budget takes seconds, e.g. --budget 600' })
    .int('--budget takes whole seconds')
    .min(1, '--budget must be at least 1 second')
    .max(86_400, '--budget must be at most a day')
    .default(300),
  /** Keep polling for new leads until the budget ends or Ctrl+C, instead of stopping when empty. */
  watch: z.boolean().default(false),
  /** Print every JSON log line, not just circuit changes and store errors. */
  verbose: z.boolean().default(false),
});

/** `npm run leads:status -- [--json]` and `npm run leads:dead -- [--json]` */
export const JsonFlagArgsSchema = z.object({ json: z.boolean().default(false) });

/** `npm run leads:redrive -- --id <lead id> [--id …] | --all` */
export const RedriveArgsSchema = z
  .object({
    id: z.array(z.string().trim().min(1, '--id needs a lead id').max(200)).default([]),
    all: z.boolean().default(false),
  })
  .refine((args) => args.all !== args.id.length > 0, {
    message: 'pass --id <lead id> (repeatable) or --all, not both',
    path: ['id'],
  });

/** `npm run leads:spam [-- --json | --release <id> … | --release-all]`: review spam, release what is not. */
export const SpamArgsSchema = z
  .object({
    json: z.boolean().default(false),
    release: z.array(z.string().trim().min(1, '--release needs a lead id').max(200)).default([]),
    all: z.boolean().default(false),
  })
  .refine((args) => !(args.all && args.release.length > 0), {
    message: 'pass --release <lead id> (repeatable) or --all, not both',
    path: ['release'],
  });

/** `npm run leads:pause|leads:resume -- --lane <lane> | --campaign <key> | --form <id>`: exactly one. */
export const PauseArgsSchema = z
  .object({
    lane: LeadLaneSchema.optional(),
    campaign: SlugSchema.optional(),
    form: SlugSchema.optional(),
  })
  .refine((args) => [args.lane, args.campaign, args.form].filter(Boolean).length === 1, {
    message: 'pass exactly one of --lane <urgent|normal|bulk>, --campaign <key>, --form <form id>',
  })
  .transform((args): PauseTarget =>
    args.lane
      ? { kind: 'lane', key: args.lane }
      : args.campaign
        ? { kind: 'campaign', key: args.campaign }
        : { kind: 'form', key: args.form ?? '' },
  );
