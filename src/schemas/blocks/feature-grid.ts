import { z } from 'zod';
import { blockBase } from '../fields.ts';
import { FeatureItemSchema } from './feature-item.ts';

/** A heading over a grid of features, two to four columns wide. */
export const FeatureGridSchema = z.object({
  type: z.literal('featureGrid'),
  ...blockBase,
  heading: z.string().trim().min(1, 'write a heading'),
  intro: z.string().optional(),
  columns: z
    .union([z.literal(2), z.literal(3), z.literal(4)], { error: 'choose 2, 3 or 4 columns' })
    .default(3),
  features: z.array(FeatureItemSchema).min(1, 'add at least one feature').max(12, 'use 12 features or fewer'),
});

export type FeatureGrid = z.infer<typeof FeatureGridSchema>;
