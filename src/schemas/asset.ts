import { z } from 'zod';

/** An image asset, resolved for one locale. `alt` comes from the asset's description. */
export const AssetSchema = z.object({
  type: z.literal('asset'),
  id: z.string(),
  title: z.string().min(1, 'give the asset a title'),
  alt: z
    .string({ error: 'add a description: it is the alt text screen readers read' })
    .trim()
    .min(1, 'add a description: it is the alt text screen readers read'),
  url: z.string().min(1, 'upload a file'),
  contentType: z.string().regex(/^image\//, 'must be an image'),
  width: z.number().int().positive('the image needs a width'),
  height: z.number().int().positive('the image needs a height'),
});

export type Asset = z.infer<typeof AssetSchema>;
