import { z } from 'zod';
import { AssetSchema } from './asset.ts';
import { BlockSchema } from './block.ts';
import { CampaignRefSchema } from './campaign.ts';
import { SlugSchema } from './fields.ts';

/** A landing page: its address, its SEO and its ordered sections. */
export const LandingPageSchema = z.object({
  type: z.literal('landingPage'),
  id: z.string(),
  title: z.string().trim().min(1, 'give the page a title'),
  slug: SlugSchema.describe('"home" is the site root; any other slug becomes /slug/'),
  seoTitle: z
    .string()
    .trim()
    .max(70, 'keep it to 70 characters or fewer: search engines cut the rest')
    .optional(),
  seoDescription: z
    .string()
    .trim()
    .min(50, 'write at least 50 characters: search engines show it under the title')
    .max(160, 'keep it to 160 characters or fewer: search engines cut the rest')
    .optional(),
  ogImage: AssetSchema.optional(),
  canonicalUrl: z.url({ protocol: /^https$/, error: 'must be a full https:// URL' }).optional(),
  noindex: z.boolean().default(false),
  sections: z.array(BlockSchema).min(1, 'add at least one section'),
  /** The campaign that sends traffic here, so launches are known before they happen. */
  campaign: CampaignRefSchema.optional(),
});

export type LandingPage = z.infer<typeof LandingPageSchema>;
