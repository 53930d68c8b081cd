import { z } from 'zod';
import { CircuitStateSchema } from './circuit-state.ts';

/** An `Authorization: Bearer <token>` header; anything else is no credential at all. */
export const BearerAuthorizationSchema = z
  .string()
  .regex(/^Bearer [\x21-\x7e]{1,500}$/, 'expected "Bearer <token>"')
  .transform((header) => header.slice('Bearer '.length));

/** What `/api/leads/health` and `npm run leads:status -- --json` answer. */
export const DeliveryHealthSchema = z.object({
  checkedAt: z.iso.datetime(),
  /** Leads not yet delivered or dead: waiting + retrying + in flight. */
  depth: z.number().int().min(0),
  waiting: z.number().int().min(0),
  retrying: z.number().int().min(0),
  inFlight: z.number().int().min(0),
  /** Age of the oldest undelivered lead, or null when the queue is empty. */
  oldestAgeSeconds: z.number().min(0).nullable(),
  deadLetters: z.number().int().min(0),
  /** Submissions held as spam (never delivered; `npm run leads:spam` lists and releases them). */
  spam: z.number().int().min(0),
  /** The most recent acknowledged delivery within the retention window, or null. */
  lastDeliveredAt: z.iso.datetime().nullable(),
  circuit: z.object({
    state: CircuitStateSchema,
    /** When an open circuit allows its probe (null when closed). */
    until: z.iso.datetime().nullable(),
  }),
  /** The background drainer: until when its lease is live, or null when none is draining. */
  drainer: z.object({ until: z.iso.datetime().nullable() }),
});

export type DeliveryHealth = z.infer<typeof DeliveryHealthSchema>;
