import type { z } from 'zod';
import { CtaBannerSchema } from './blocks/cta-banner.ts';
import { EventDetailsSchema } from './blocks/event-details.ts';
import { FaqItemSchema } from './blocks/faq-item.ts';
import { FaqSchema } from './blocks/faq.ts';
import { FeatureGridSchema } from './blocks/feature-grid.ts';
import { FeatureItemSchema } from './blocks/feature-item.ts';
import { HeroSchema } from './blocks/hero.ts';
import { LeadFormSchema } from './blocks/lead-form.ts';
import { FormFieldSchema } from './form-field.ts';
import { LogoCloudSchema } from './blocks/logo-cloud.ts';
import { RichTextSectionSchema } from './blocks/rich-text-section.ts';
import { TestimonialSchema } from './blocks/testimonial.ts';
import { TestimonialsSchema } from './blocks/testimonials.ts';
import { CampaignSchema } from './campaign.ts';
import { LandingPageSchema } from './landing-page.ts';
import { LinkSchema } from './link.ts';
import { RedirectSchema } from './redirect.ts';
import { SiteSettingsSchema } from './site-settings.ts';

/** Content type id → the schema its entries must satisfy. The content model, as code. */
export const contentTypeSchemas = {
  siteSettings: SiteSettingsSchema,
  landingPage: LandingPageSchema,
  link: LinkSchema,
  hero: HeroSchema,
  featureGrid: FeatureGridSchema,
  featureItem: FeatureItemSchema,
  testimonials: TestimonialsSchema,
  testimonial: TestimonialSchema,
  faq: FaqSchema,
  faqItem: FaqItemSchema,
  logoCloud: LogoCloudSchema,
  ctaBanner: CtaBannerSchema,
  richTextSection: RichTextSectionSchema,
  leadForm: LeadFormSchema,
  eventDetails: EventDetailsSchema,
  formField: FormFieldSchema,
  campaign: CampaignSchema,
  redirect: RedirectSchema,
} satisfies Record<string, z.ZodType>;

export type ContentTypeId = keyof typeof contentTypeSchemas;

/** Type guard: is this content type id part of the model? */
export const isKnownContentType = (id: string): id is ContentTypeId => Object.hasOwn(contentTypeSchemas, id);
