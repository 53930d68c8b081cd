import type { ConsentText } from '../../schemas/consent-text.ts';
import type { SqlClient } from '../db/sql-client.ts';

/** A stored consent text and when the database first kept it. */
export interface StoredConsentText extends ConsentText {
  firstSeenAt: Date;
}

interface Row {
  version: string;
  entry_id: string;
  locale: string;
  text: string;
  sha256: string;
  privacy_url: string | null;
  first_seen_at: Date | string;
}

/** The stored texts, oldest first per form entry and locale; with `version`, that one (or none). */
export async function readConsentTexts(
  db: SqlClient,
  filter: { version?: string | undefined } = {},
): Promise<StoredConsentText[]> {
  const { rows } = await db.query<Row>(
    `SELECT version, entry_id, locale, text, sha256, privacy_url, first_seen_at
       FROM consent_texts
      WHERE $1::text IS NULL OR version = $1
      ORDER BY entry_id, locale, first_seen_at, version`,
    [filter.version ?? null],
  );
  return rows.map((row) => ({
    version: row.version,
    entryId: row.entry_id,
    locale: row.locale,
    text: row.text,
    sha256: row.sha256,
    privacyUrl: row.privacy_url,
    firstSeenAt: new Date(row.first_seen_at),
  }));
}
