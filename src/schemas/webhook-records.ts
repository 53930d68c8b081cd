import { z } from 'zod';
import { RebuildActionSchema, RebuildEntityTypeSchema } from './webhook.ts';

/**
 * What the rebuild records about webhooks and build hook calls (tables `rebuild_events` and
 * `rebuild_calls`, netlify/database/migrations/0003_rebuild.sql). JSON read back from the database
 * goes through these schemas, so a record written by an older deploy fails loudly.
 */

const epochMs = z.number().int().nonnegative();

/** One verified, relevant webhook. */
export const RebuildEventSchema = z.object({
  id: z.string().min(1),
  receivedAt: epochMs,
  topic: z.string(),
  entityType: RebuildEntityTypeSchema,
  action: RebuildActionSchema,
  entityId: z.string().min(1),
  /** The entry's content type id; absent for assets. */
  contentType: z.string().optional(),
  /** A human name for the build title: the entry's display field or the asset's title. */
  label: z.string().optional(),
  /** Contentful sends the same key again when it retries a delivery. */
  idempotencyKey: z.string().optional(),
});
export type RebuildEvent = z.infer<typeof RebuildEventSchema>;

/** One HTTP attempt at the build hook. */
export const BuildHookAttemptSchema = z.object({
  at: epochMs,
  ms: z.number().nonnegative(),
  /** The HTTP status, when an answer came. */
  status: z.number().int().optional(),
  /** Why no usable answer came (network error, timeout). */
  error: z.string().optional(),
});
export type BuildHookAttempt = z.infer<typeof BuildHookAttemptSchema>;
