import { RebuildEventSchema, type RebuildEvent } from '../../schemas/webhook-records.ts';

/** A `rebuild_events` row as the driver returns it. */
export interface EventRow {
  id: string;
  received_at: Date;
  topic: string;
  entity_type: string;
  action: string;
  entity_id: string;
  content_type: string | null;
  label: string | null;
  idempotency_key: string | null;
}

/** An event read back through its schema, so a row an older deploy wrote fails loudly. */
export const eventOfRow = (row: EventRow): RebuildEvent =>
  RebuildEventSchema.parse({
    id: row.id,
    receivedAt: row.received_at.getTime(),
    topic: row.topic,
    entityType: row.entity_type,
    action: row.action,
    entityId: row.entity_id,
    contentType: row.content_type ?? undefined,
    label: row.label ?? undefined,
    idempotencyKey: row.idempotency_key ?? undefined,
  });
