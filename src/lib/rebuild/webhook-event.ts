import { contentModel } from '../../schemas/content-model.ts';
import type { RebuildAction, RebuildEntityType, WebhookEntityPayload } from '../../schemas/webhook.ts';
import type { RebuildEvent } from '../../schemas/webhook-records.ts';
import { textProblem } from '../../schemas/text-rules.ts';

const MAX_LABEL_LENGTH = 60;

const displayFields = new Map(
  contentModel.map((type) => [type.sys.id, type.displayField ?? undefined] as const),
);

/** The first string value of a localized field (`{ locale: value }`), whatever the locale. */
const firstText = (field: Record<string, unknown> | undefined) =>
  Object.values(field ?? {}).find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );

/** A readable name for the build title: the content type's display field, or an asset's title. */
function labelOf(payload: WebhookEntityPayload, contentType: string | undefined): string | undefined {
  const fieldId = contentType ? displayFields.get(contentType) : 'title';
  const label = firstText(fieldId ? payload.fields?.[fieldId] : undefined)?.trim();
  // A title that is not storable text only loses its place in the build title, never the rebuild.
  if (label !== undefined && textProblem(label)) return undefined;
  if (!label || label.length <= MAX_LABEL_LENGTH) return label;
  // Never cut between the two halves of a surrogate pair: half an emoji is not storable text.
  const cut = label.slice(0, MAX_LABEL_LENGTH - 1);
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** The record kept for one relevant webhook. */
export function rebuildEvent(input: {
  id: string;
  receivedAt: number;
  topic: string;
  entityType: RebuildEntityType;
  action: RebuildAction;
  contentType?: string;
  payload: WebhookEntityPayload;
  idempotencyKey?: string;
}): RebuildEvent {
  const { payload, ...event } = input;
  const label = labelOf(payload, input.contentType);
  return {
    ...event,
    entityId: payload.sys.id,
    ...(label ? { label } : {}),
  };
}
