import { z } from 'zod';
import { HrefSchema } from './fields.ts';
import { PageRefSchema } from './page-ref.ts';

/** A navigation or footer link: to a landing page (preferred, follows the locale) or a URL. */
export const LinkSchema = z
  .object({
    type: z.literal('link'),
    id: z.string(),
    label: z.string().trim().min(1, 'give the link a label'),
    page: PageRefSchema.optional(),
    url: HrefSchema.optional(),
  })
  .refine((link) => (link.page === undefined) !== (link.url === undefined), {
    message: 'set either a page or a URL, not both and not neither',
    path: ['page'],
  });

export type Link = z.infer<typeof LinkSchema>;
