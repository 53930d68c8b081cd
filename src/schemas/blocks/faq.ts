import { z } from 'zod';
import { blockBase } from '../fields.ts';
import { FaqItemSchema } from './faq-item.ts';

/** Frequently asked questions, rendered as native disclosure widgets. */
export const FaqSchema = z.object({
  type: z.literal('faq'),
  ...blockBase,
  heading: z.string().trim().min(1, 'write a heading'),
  items: z.array(FaqItemSchema).min(1, 'add at least one question'),
});

export type Faq = z.infer<typeof FaqSchema>;
