import { z } from 'zod';
import { AssetSchema } from '../asset.ts';

/** A customer quote with its author. */
export const TestimonialSchema = z.object({
  type: z.literal('testimonial'),
  id: z.string(),
  quote: z.string().trim().min(1, 'write the quote').max(600, 'keep the quote to 600 characters or fewer'),
  authorName: z.string().trim().min(1, "add the author's name"),
  authorRole: z.string().optional(),
  company: z.string().optional(),
  avatar: AssetSchema.optional(),
});

export type Testimonial = z.infer<typeof TestimonialSchema>;
