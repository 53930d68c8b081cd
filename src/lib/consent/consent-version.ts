import { createHash } from 'node:crypto';

/**
 * A consent version names the exact words a visitor agreed to: the content entry that holds them,
 * the locale they were shown in, and the start of the SHA-256 of the text itself. Changing the words
 * changes the version, so nobody has to remember to bump it by hand, and a version always resolves
 * to one text (the database keeps every text a version stood for).
 *
 * Format: `<entryId>:<locale>:<16 hex digits>`. Contentful ids and locale codes never contain `:`.
 */
export interface ConsentVersion {
  readonly entryId: string;
  readonly locale: string;
  /** The first 16 hex digits of {@link consentTextSha256} of the text. */
  readonly textHash: string;
}

const hashLength = 16;
const versionPattern = /^([A-Za-z0-9._-]{1,64}):([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*):([0-9a-f]{16})$/;

/** The full SHA-256 (hex) of a consent text as shown: Unicode NFC, outer whitespace trimmed. */
export function consentTextSha256(text: string): string {
  return createHash('sha256').update(text.normalize('NFC').trim(), 'utf8').digest('hex');
}

export function consentVersionOf(entryId: string, locale: string, text: string): string {
  return `${entryId}:${locale}:${consentTextSha256(text).slice(0, hashLength)}`;
}

/** The parts of a derived version; `undefined` for anything else (e.g. a hand-written "2026-11"). */
export function parseConsentVersion(version: string): ConsentVersion | undefined {
  const match = versionPattern.exec(version);
  if (!match) return undefined;
  const [, entryId = '', locale = '', textHash = ''] = match;
  return { entryId, locale, textHash };
}
