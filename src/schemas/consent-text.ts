import { z } from 'zod';

/**
 * One consent text as a form showed it, under the version a lead records for it. The build bundles
 * every one it rendered (`.floodgate/consent-texts.json`); the database keeps each once
 * (`consent_texts`, netlify/database/migrations/0050_consent_texts.sql). See docs/consent.md.
 */
export const ConsentTextSchema = z.object({
  version: z.string().min(1),
  entryId: z.string().min(1),
  locale: z.string().min(1),
  /** The words as shown, the privacy link written `[words](/path/)` (src/lib/consent/shown-consent.ts). */
  text: z.string().min(1),
  /** The full SHA-256 (hex) of the text; the version holds its first 16 digits. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The privacy page the text linked to; null when the form showed it without one. */
  privacyUrl: z.string().nullable(),
});

export type ConsentText = z.infer<typeof ConsentTextSchema>;

export const ConsentTextsSchema = z.array(ConsentTextSchema);
