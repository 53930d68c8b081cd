import { z } from 'zod';

/**
 * The build's content report (`ContentReport`, src/lib/content/content-report.ts) as /ops/ reads
 * it from the bundle. Severity stays a string: a severity added later still shows (and only
 * `error` fires the `content-error-live` alert).
 */
export const OpsContentProblemSchema = z.object({
  severity: z.string().max(40),
  contentType: z.string().max(200),
  entryId: z.string().max(200),
  entryName: z.string().max(500),
  field: z.string().max(200).optional(),
  locales: z.array(z.string().max(40)).max(50),
  message: z.string().max(2_000),
  pages: z.array(z.string().max(500)).max(1_000),
  instead: z.string().max(2_000),
});

export const OpsContentReportSchema = z.object({ problems: z.array(OpsContentProblemSchema).max(10_000) });

export type OpsContentReport = z.infer<typeof OpsContentReportSchema>;
export type OpsContentProblem = z.infer<typeof OpsContentProblemSchema>;
