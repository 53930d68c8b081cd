import { z } from 'zod';
import { blockBase } from '../fields.ts';
import { TestimonialSchema } from './testimonial.ts';

/** A row of customer quotes. */
export const TestimonialsSchema = z.object({
  type: z.literal('testimonials'),
  ...blockBase,
  heading: z.string().optional(),
  items: z.array(TestimonialSchema).min(1, 'add at least one testimonial'),
});

export type Testimonials = z.infer<typeof TestimonialsSchema>;
