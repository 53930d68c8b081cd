import { z } from 'zod';
import { SlugSchema } from './fields.ts';

/**
 * A link to another landing page. Pages are referenced, never embedded, so that pages linking to
 * each other (navigation, CTAs, success pages) cannot form a cycle.
 */
export const PageRefSchema = z.object({
  type: z.literal('pageRef'),
  id: z.string(),
  slug: SlugSchema,
  title: z.string(),
});

export type PageRef = z.infer<typeof PageRefSchema>;
