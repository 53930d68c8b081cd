import { z } from 'zod';
import { HrefSchema, blockBase } from '../fields.ts';

/** A full-width call to action between sections. */
export const CtaBannerSchema = z.object({
  type: z.literal('ctaBanner'),
  ...blockBase,
  heading: z.string().trim().min(1, 'write a heading'),
  body: z.string().optional(),
  ctaLabel: z.string().trim().min(1, 'write the button label'),
  ctaHref: HrefSchema,
  tone: z.enum(['brand', 'dark', 'light'], { error: 'choose brand, dark or light' }).default('brand'),
});

export type CtaBanner = z.infer<typeof CtaBannerSchema>;
