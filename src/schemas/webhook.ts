import { z } from 'zod';

/**
 * What Contentful sends to the webhook: the topic header and the entity in the body.
 * https://www.contentful.com/developers/docs/webhooks/headers/ and …/webhooks/payload/
 */

/** `X-Contentful-Topic`: `ContentManagement.Entry.publish`, `SpaceManagement.EnvironmentAlias.create`, … */
export const WebhookTopicSchema = z
  .string({ error: 'X-Contentful-Topic is missing: is this request from a Contentful webhook?' })
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

const LinkIdSchema = z.object({ sys: z.object({ id: z.string().min(1) }) });

/**
 * The parts of an Entry or Asset webhook body the rebuild needs. Publish payloads carry the
 * entity with all locales; unpublish and delete payloads carry only `sys` (type `DeletedEntry`
 * or `DeletedAsset`), still with the entry's content type. Other keys are ignored.
 */
export const WebhookEntityPayloadSchema = z.object({
  sys: z.object({
    id: z.string({ error: 'sys.id is missing' }).min(1, 'sys.id is empty'),
    type: z.string({ error: 'sys.type is missing' }),
    contentType: LinkIdSchema.optional(),
    space: LinkIdSchema.optional(),
    environment: LinkIdSchema.optional(),
  }),
  /** `{ fieldId: { locale: value } }`, as in the Sync API. */
  fields: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

export type WebhookEntityPayload = z.infer<typeof WebhookEntityPayloadSchema>;
