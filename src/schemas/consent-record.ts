import { z } from 'zod';

/**
 * The proof of consent sent with every lead to the CRM (docs/crm-webhook.md, "Consent record"):
 * which words (version and the SHA-256 prefix of the text), where and when, and how it was given.
 */
export const ConsentRecordSchema = z.object({
  /** `<entry>:<locale>:<16 hex>` (src/lib/consent/consent-version.ts), or a legacy hand-written version. */
  version: z.string().nullable(),
  /** The 16 hex digits of the text's SHA-256 the version carries; null for a legacy version. */
  textHash: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .nullable(),
  /** The locale the form was shown in. */
  locale: z.string().nullable(),
  /** The slug of the page the form was on. */
  page: z.string().nullable(),
  /** When the visitor ticked the box and sent the form (ISO 8601, UTC). */
  givenAt: z.iso.datetime().nullable(),
  /** `double-opt-in` once the visitor confirmed by the mailed link; otherwise `checkbox`. */
  method: z.enum(['checkbox', 'double-opt-in']),
  /** When the link was clicked (ISO 8601, UTC); null for `checkbox`. */
  confirmedAt: z.iso.datetime().nullable(),
  /** The spam checks held it back and a reviewer released it (`npm run leads:spam`). */
  releasedFromSpam: z.boolean(),
});

export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;
