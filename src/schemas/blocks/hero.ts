import { z } from 'zod';
import { AssetSchema } from '../asset.ts';
import { HrefSchema, blockBase } from '../fields.ts';

const ctaPair = (labelKey: 'primaryCtaLabel' | 'secondaryCtaLabel', hrefKey: string) => ({
  check: (hero: Record<string, unknown>) => (hero[labelKey] === undefined) === (hero[hrefKey] === undefined),
  message: { message: 'set both the button label and its link, or neither', path: [hrefKey] },
});

const primary = ctaPair('primaryCtaLabel', 'primaryCtaHref');
const secondary = ctaPair('secondaryCtaLabel', 'secondaryCtaHref');

/** The opening block of a page: headline, supporting line, image and up to two buttons. */
export const HeroSchema = z
  .object({
    type: z.literal('hero'),
    ...blockBase,
    eyebrow: z.string().max(60, 'keep the eyebrow to 60 characters or fewer').optional(),
    /** Empty: the page's Title is the heading, so a marketer's Title change shows on the page. */
    heading: z
      .string()
      .trim()
      .min(1, 'write a heading')
      .max(90, 'keep the heading to 90 characters or fewer')
      .optional(),
    subheading: z.string().max(280, 'keep the subheading to 280 characters or fewer').optional(),
    image: AssetSchema.optional(),
    primaryCtaLabel: z.string().trim().min(1).optional(),
    primaryCtaHref: HrefSchema.optional(),
    secondaryCtaLabel: z.string().trim().min(1).optional(),
    secondaryCtaHref: HrefSchema.optional(),
  })
  .refine(primary.check, primary.message)
  .refine(secondary.check, secondary.message);

export type Hero = z.infer<typeof HeroSchema>;
