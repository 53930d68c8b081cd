import {
  RebuildActionSchema,
  RebuildEntityTypeSchema,
  type RebuildAction,
  type RebuildEntityType,
  type WebhookEntityPayload,
  type WebhookTopic,
} from '../../schemas/webhook.ts';

/** Whether a webhook changes the site, and if not, why it is ignored. */
export type Relevance<T> = ({ relevant: true } & T) | { relevant: false; reason: string };

/**
 * Only publishing, unpublishing and deleting entries and assets change what the delivery API
 * (and so the build) sees; saves, autosaves and archives of drafts do not, nor do content type,
 * task, comment or release events (a release publishes its entries one by one, each with its own
 * Entry.publish). Configure the webhook with just these topics; anything else is ignored here too.
 */
export function classifyTopic(
  topic: WebhookTopic,
): Relevance<{ entityType: RebuildEntityType; action: RebuildAction }> {
  const entityType = RebuildEntityTypeSchema.safeParse(topic.entityType);
  const action = RebuildActionSchema.safeParse(topic.action);
  if (topic.domain === 'ContentManagement' && entityType.success && action.success) {
    return { relevant: true, entityType: entityType.data, action: action.data };
  }
  return {
    relevant: false,
    reason: `topic ${topic.topic} does not change the site (only Entry and Asset publish, unpublish, delete do)`,
  };
}

/**
 * Entries of content types the site does not model cannot change a page. Assets always count
 * (any asset may be linked from a page), and so does an entry whose payload names no content type,
 * because a missed rebuild costs more than an extra one.
 */
export function classifyContentType(
  entityType: RebuildEntityType,
  payload: WebhookEntityPayload,
  siteContentTypes: ReadonlySet<string>,
): Relevance<{ contentType?: string }> {
  const contentType = payload.sys.contentType?.sys.id;
  if (entityType === 'Asset' || contentType === undefined) return { relevant: true };
  if (siteContentTypes.has(contentType)) return { relevant: true, contentType };
  return { relevant: false, reason: `content type ${contentType} is not used by the site` };
}
