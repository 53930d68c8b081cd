import { z } from 'zod';
import { AssetSchema } from '../asset.ts';
import { blockBase } from '../fields.ts';

/** Customer or partner logos. Each logo's alt text should be the company name. */
export const LogoCloudSchema = z.object({
  type: z.literal('logoCloud'),
  ...blockBase,
  heading: z.string().optional(),
  logos: z.array(AssetSchema).min(1, 'add at least one logo').max(12, 'use 12 logos or fewer'),
});

export type LogoCloud = z.infer<typeof LogoCloudSchema>;
