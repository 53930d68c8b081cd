import { z } from 'zod';

/**
 * The shape of `contentful space export` output (and of Sync API items fetched with `locale: '*'`):
 * every field is keyed by locale code. Only what the mapping reads is checked here; the content
 * type schemas check the values.
 * https://www.contentful.com/developers/docs/references/content-delivery-api/#/reference/synchronization
 */
const LocalizedValueSchema = z.record(z.string(), z.unknown());

const ContentTypeFieldSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum([
      'Symbol',
      'Text',
      'RichText',
      'Integer',
      'Number',
      'Boolean',
      'Date',
      'Location',
      'Object',
      'Link',
      'Array',
    ]),
    linkType: z.enum(['Entry', 'Asset']).optional(),
    items: z
      .object({ type: z.enum(['Symbol', 'Link']), linkType: z.enum(['Entry', 'Asset']).optional() })
      .loose()
      .optional(),
    localized: z.boolean().default(false),
    required: z.boolean().default(false),
    disabled: z.boolean().optional(),
    omitted: z.boolean().optional(),
  })
  .loose();

export const ContentTypeSchema = z
  .object({
    sys: z.object({ id: z.string() }).loose(),
    name: z.string(),
    displayField: z.string().nullable().optional(),
    description: z.string().optional(),
    fields: z.array(ContentTypeFieldSchema),
  })
  .loose();

export const SpaceEntrySchema = z
  .object({
    sys: z
      .object({
        id: z.string(),
        type: z.literal('Entry').optional(),
        contentType: z.object({ sys: z.object({ id: z.string() }).loose() }),
      })
      .loose(),
    fields: z.record(z.string(), LocalizedValueSchema),
  })
  .loose();

export const SpaceAssetSchema = z
  .object({
    sys: z.object({ id: z.string(), type: z.literal('Asset').optional() }).loose(),
    fields: z.record(z.string(), LocalizedValueSchema),
  })
  .loose();

export const SpaceLocaleSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    default: z.boolean().default(false),
    fallbackCode: z.string().nullable().default(null),
  })
  .loose();

export const SpaceExportSchema = z
  .object({
    contentTypes: z.array(ContentTypeSchema),
    entries: z.array(SpaceEntrySchema),
    assets: z.array(SpaceAssetSchema).default([]),
    locales: z.array(SpaceLocaleSchema).min(1),
  })
  .loose();

/** A link to another entry or asset, as Contentful stores it in a field. */
export const LinkRefSchema = z.object({
  sys: z.object({ type: z.literal('Link'), linkType: z.enum(['Entry', 'Asset']), id: z.string() }),
});

export type ContentType = z.infer<typeof ContentTypeSchema>;
export type ContentTypeField = ContentType['fields'][number];
export type SpaceEntry = z.infer<typeof SpaceEntrySchema>;
export type SpaceAsset = z.infer<typeof SpaceAssetSchema>;
export type SpaceLocale = z.infer<typeof SpaceLocaleSchema>;
export type SpaceExport = z.infer<typeof SpaceExportSchema>;
export type LinkRef = z.infer<typeof LinkRefSchema>;
