import { z } from 'zod';

// The dev CRM's page posts its form urlencoded: blank inputs mean "not set", numbers come as text.
const blankIsUnset = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const whole = (min: number, max: number) =>
  z.preprocess(blankIsUnset, z.coerce.number().int().min(min).max(max).optional());

/** How the dev CRM can be told to behave (its page offers them in this order). */
export const DEV_CRM_MODES = ['ok', 'fail', 'rate-limit', 'timeout', 'reject'] as const;

/**
 * `POST /_control` on the dev CRM (`scripts/dev-crm/`): how it should misbehave, to watch the
 * worker retry, back off, open its circuit and dead-letter. JSON or a form post.
 */
export const DevCrmControlSchema = z.object({
  /**
   * `ok`: accept leads. `fail`: answer `status` (default 500). `rate-limit`: 429 with
   * `Retry-After: retryAfterSeconds`. `timeout`: never answer (the worker's call times out).
   * `reject`: answer a permanent `status` (default 422), so leads become dead letters.
   */
  mode: z.enum(DEV_CRM_MODES).default('ok'),
  status: whole(400, 599),
  retryAfterSeconds: whole(0, 3600),
  /** Wait this long before every answer (also in `ok` mode): a slow CRM. */
  delayMs: whole(0, 120_000),
  /** Misbehave for the next `count` requests only, then go back to `ok`. */
  count: whole(1, 1_000_000),
});

export type DevCrmControl = z.infer<typeof DevCrmControlSchema>;
