import { z } from 'zod';
import { CtaBannerSchema } from './blocks/cta-banner.ts';
import { EventDetailsSchema } from './blocks/event-details.ts';
import { FaqSchema } from './blocks/faq.ts';
import { FeatureGridSchema } from './blocks/feature-grid.ts';
import { HeroSchema } from './blocks/hero.ts';
import { LeadFormSchema } from './blocks/lead-form.ts';
import { LogoCloudSchema } from './blocks/logo-cloud.ts';
import { RichTextSectionSchema } from './blocks/rich-text-section.ts';
import { TestimonialsSchema } from './blocks/testimonials.ts';

/** Every section a landing page can hold, told apart by its Contentful content type id. */
export const BlockSchema = z.discriminatedUnion(
  'type',
  [
    HeroSchema,
    FeatureGridSchema,
    TestimonialsSchema,
    FaqSchema,
    LogoCloudSchema,
    CtaBannerSchema,
    RichTextSectionSchema,
    LeadFormSchema,
    EventDetailsSchema,
  ],
  {
    error:
      'not a section type: a page section must be a hero, feature grid, testimonials, FAQ, logo cloud, CTA banner, rich text section, lead form or event details',
  },
);

export type Block = z.infer<typeof BlockSchema>;
export type BlockType = Block['type'];

/** Content type ids that may appear in a page's `sections`. */
export const blockTypes = BlockSchema.options.map<BlockType>((option) => option.shape.type.value);
