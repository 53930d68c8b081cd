import { z } from 'zod';

/** Entry slugs: lower-case words joined by single hyphens, as they appear in the URL. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens only');

/** An in-page anchor a CTA can point at, e.g. `signup` for `#signup`. */
export const AnchorSchema = SlugSchema.describe('HTML id of the section, without the #');

/** Where a call to action points: a site path, an in-page anchor, or an absolute https/mailto URL. */
export const HrefSchema = z
  .string()
  .trim()
  .refine(
    (href) => /^(\/(?!\/)|#|https:\/\/|mailto:)/.test(href),
    'must start with "/", "#", "https://" or "mailto:"',
  );

/** A colour in #rrggbb form, the only form the theme can mix. */
export const HexColourSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'use a six-digit hex colour such as #1f6feb');

/** The internal name marketers give a block so they can find it again in Contentful. */
export const InternalNameSchema = z.string().trim().min(1, 'give the block an internal name');

/** Fields every section block shares. */
export const blockBase = {
  id: z.string(),
  internalName: InternalNameSchema,
  anchor: AnchorSchema.optional(),
};
