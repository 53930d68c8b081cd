import { z } from 'zod';

/** Icons the theme ships; a feature picks one by name. */
export const featureIcons = [
  'bolt',
  'shield',
  'chart',
  'clock',
  'users',
  'plug',
  'globe',
  'sparkles',
  'lock',
  'inbox',
] as const;

/** One feature in a feature grid. */
export const FeatureItemSchema = z.object({
  type: z.literal('featureItem'),
  id: z.string(),
  title: z.string().trim().min(1, 'write a title').max(80, 'keep the title to 80 characters or fewer'),
  body: z.string().trim().min(1, 'write a sentence or two').max(400, 'keep it to 400 characters or fewer'),
  icon: z.enum(featureIcons, { error: `pick one of: ${featureIcons.join(', ')}` }),
});

export type FeatureItem = z.infer<typeof FeatureItemSchema>;
