import { z } from 'zod';

/**
 * What Contentful sends to the webhook: the topic header and the entity in the body.
 * https://www.contentful.com/developers/docs/webhooks/headers/ and …/webhooks/payload/
 */

/**
 * A Contentful id (entry, asset, content type, space, environment): Contentful makes them 1–64
 * characters of letters, digits, `.`, `_` and `-`. Anything else did not come from Contentful, and
 * is refused before it reaches the database or a build hook's title.
 * https://www.contentful.com/developers/docs/references/content-management-api/#/introduction/resource-ids
 */
export const ContentfulIdSchema = z
  .string({ error: 'is missing' })
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, ".", "_" or "-" (a Contentful id)');

/** `X-Contentful-Idempotency-Key`: Contentful's own key for one event; kept with the event. */
export const WebhookIdempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9._:=+/-]{1,128}$/, 'X-Contentful-Idempotency-Key must be 1–128 URL-safe characters');

/** `X-Contentful-Topic`: `ContentManagement.Entry.publish`, `SpaceManagement.EnvironmentAlias.create`, … */
export const WebhookTopicSchema = z
  .string({ error: 'X-Contentful-Topic is missing: is this request from a Contentful webhook?' })
  .max(128, { error: 'X-Contentful-Topic must be at most 128 characters' })
  .regex(/^[A-Za-z]+\.[A-Za-z]+\.[A-Za-z_]+$/, {
    error: 'X-Contentful-Topic must look like ContentManagement.Entry.publish',
  })
  .transform((topic) => {
    const [domain = '', entityType = '', action = ''] = topic.split('.');
    return { topic, domain, entityType, action };
  });

export type WebhookTopic = z.output<typeof WebhookTopicSchema>;

/** The actions on entries and assets that change what the site shows. */
export const RebuildActionSchema = z.enum(['publish', 'unpublish', 'delete']);
export type RebuildAction = z.infer<typeof RebuildActionSchema>;

export const RebuildEntityTypeSchema = z.enum(['Entry', 'Asset']);
export type RebuildEntityType = z.infer<typeof RebuildEntityTypeSchema>;

const LinkIdSchema = z.object({ sys: z.object({ id: ContentfulIdSchema }) });

/**
 * The parts of an Entry or Asset webhook body the rebuild needs. Publish payloads carry the
 * entity with all locales; unpublish and delete payloads carry only `sys` (type `DeletedEntry`
 * or `DeletedAsset`), still with the entry's content type. Other keys are ignored.
 */
export const WebhookEntityPayloadSchema = z.object({
  sys: z.object({
    id: ContentfulIdSchema,
    /** Entry, Asset, DeletedEntry, DeletedAsset, …: a Contentful type name. */
    type: z.string({ error: 'is missing' }).regex(/^[A-Za-z]{1,64}$/, 'must be a Contentful type name'),
    contentType: LinkIdSchema.optional(),
    space: LinkIdSchema.optional(),
    environment: LinkIdSchema.optional(),
  }),
  /** `{ fieldId: { locale: value } }`, as in the Sync API. */
  fields: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

export type WebhookEntityPayload = z.infer<typeof WebhookEntityPayloadSchema>;
