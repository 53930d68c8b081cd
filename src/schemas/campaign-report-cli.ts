import { z } from 'zod';
import { instant, ReadyArgsSchema } from './campaign-cli.ts';

/** `npm run campaign:report -- [<campaign> | --campaign <key or id>] [--from <iso>] [--to <iso>] [--json] [--out reports]` */
export const ReportArgsSchema = z
  .object({
    campaign: z.string().min(1).optional().describe('a campaign key or entry id; default: every campaign'),
    content: ReadyArgsSchema.shape.content,
    out: ReadyArgsSchema.shape.out,
    from: instant('--from').optional(),
    to: instant('--to').optional(),
    now: instant('--now').optional(),
    json: z.boolean().default(false),
    headroom: ReadyArgsSchema.shape.headroom,
    maxDelay: ReadyArgsSchema.shape.maxDelay,
  })
  .refine((args) => args.from === undefined || args.to === undefined || args.from < args.to, {
    message: '--from must be before --to',
    path: ['from'],
  });

export type ReportArgs = z.infer<typeof ReportArgsSchema>;
