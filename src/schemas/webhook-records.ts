import { z } from 'zod';
import { RebuildActionSchema, RebuildEntityTypeSchema } from './webhook.ts';

/**
 * What the rebuild keeps in Netlify Blobs (store `floodgate-rebuilds`). Read back through these
 * schemas, so a record written by an older deploy fails loudly instead of being misread.
 */

const epochMs = z.number().int().nonnegative();

/** One verified, relevant webhook: `events/<receivedAt>-<id>`. */
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

/** A window the closer fixed before requesting its build: `windows/<opensAt>-<closesAt>-<firstEventId>`. */
export const SealedWindowSchema = z.object({
  id: z.string().min(1),
  opensAt: epochMs,
  closesAt: epochMs,
  sealedAt: epochMs,
  /** The events the closer saw in the window, for the build title and status. */
  eventKeys: z.array(z.string()),
});
export type SealedWindow = z.infer<typeof SealedWindowSchema>;

/** One closer's bid to make a window's build call: `claims/<windowId>/<claimedAt>-<claimantId>`. */
export const WindowClaimSchema = z.object({
  windowId: z.string().min(1),
  claimantId: z.string().min(1),
  claimedAt: epochMs,
});
export type WindowClaim = z.infer<typeof WindowClaimSchema>;

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

/** One build hook call (with its retries): `calls/<windowId>/<startedAt>-<claimantId>`. */
export const BuildCallSchema = z.object({
  windowId: z.string().min(1),
  /** Every window this build covers: the target and older windows whose own call failed. */
  covers: z.array(z.string()),
  claimantId: z.string().min(1),
  startedAt: epochMs,
  finishedAt: epochMs,
  ok: z.boolean(),
  title: z.string(),
  eventCount: z.number().int().nonnegative(),
  attempts: z.array(BuildHookAttemptSchema),
});
export type BuildCall = z.infer<typeof BuildCallSchema>;

/** Written for each window a successful call covered: `built/<windowId>`. */
export const BuiltMarkerSchema = z.object({
  windowId: z.string().min(1),
  callKey: z.string().min(1),
  builtAt: epochMs,
});
export type BuiltMarker = z.infer<typeof BuiltMarkerSchema>;
