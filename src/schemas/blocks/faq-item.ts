import { z } from 'zod';

/** One question and its answer. */
export const FaqItemSchema = z.object({
  type: z.literal('faqItem'),
  id: z.string(),
  question: z.string().trim().min(1, 'write the question'),
  answer: z.string().trim().min(1, 'write the answer'),
});

export type FaqItem = z.infer<typeof FaqItemSchema>;
