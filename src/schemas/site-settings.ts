import { z } from 'zod';
import { AssetSchema } from './asset.ts';
import { HexColourSchema } from './fields.ts';
import { LinkSchema } from './link.ts';
import { PageRefSchema } from './page-ref.ts';

/** Site-wide settings: one entry per space. Brand colours drive the theme's custom properties. */
export const SiteSettingsSchema = z.object({
  type: z.literal('siteSettings'),
  id: z.string(),
  siteName: z.string().trim().min(1, 'give the site a name'),
  tagline: z.string().optional(),
  defaultSeoDescription: z
    .string()
    .trim()
    .min(50, 'write at least 50 characters: search engines show it under the title')
    .max(160, 'keep it to 160 characters or fewer: search engines cut the rest'),
  defaultOgImage: AssetSchema.optional(),
  logo: AssetSchema.optional(),
  navigation: z.array(LinkSchema).max(7, 'keep the main navigation to 7 links or fewer').default([]),
  footerLinks: z.array(LinkSchema).default([]),
  footerNote: z.string().optional(),
  /** The privacy notice every consent text links to, in the visitor's language. */
  privacyPage: PageRefSchema.optional(),
  /** The legal notice (Impressum) every page's footer links to; a German site must have one. */
  legalNoticePage: PageRefSchema.optional(),
  twitterHandle: z
    .string()
    .regex(/^@\w{1,15}$/, 'write the handle with its @, e.g. @floodgate')
    .optional(),
  brandPrimary: HexColourSchema,
  brandAccent: HexColourSchema,
  brandInk: HexColourSchema,
  brandSurface: HexColourSchema,
});

export type SiteSettings = z.infer<typeof SiteSettingsSchema>;
