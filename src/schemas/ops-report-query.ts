import { z } from 'zod';

/** An empty field (a submitted form left blank) is no value. */
const blankless = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const instant = z
  .string()
  .max(40, 'is too long for a date and time')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'give a date and time, e.g. 2026-12-07T18:00Z')
  .transform((value) => Date.parse(value));

/**
 * The query of `/ops/report/`, `/ops/report.json` and `/ops/report.csv`: what `campaign:report`'s
 * `--campaign`, `--from` and `--to` say (src/schemas/campaign-report-cli.ts), from a URL.
 */
export const OpsReportQuerySchema = z
  .object({
    campaign: blankless(
      z
        .string()
        .max(100, 'is too long for a campaign key or entry id')
        .regex(/^[A-Za-z0-9_-]+$/, 'give a campaign key or entry id (letters, digits, - and _)'),
    ),
    from: blankless(instant),
    to: blankless(instant),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from < query.to, {
    message: 'must be before to',
    path: ['from'],
  });

export type OpsReportQuery = z.infer<typeof OpsReportQuerySchema>;
