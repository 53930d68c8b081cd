import { ConsentTextsSchema, type ConsentText } from '../../schemas/consent-text.ts';
import type { SqlClient } from '../db/sql-client.ts';

/**
 * Keep every text not kept yet, in ONE statement: a version stands for one text forever, so an
 * existing row is never touched (its `first_seen_at` says when it was first stored).
 */
export async function storeConsentTexts(db: SqlClient, texts: readonly ConsentText[]): Promise<number> {
  if (texts.length === 0) return 0;
  const result = await db.query(
    `INSERT INTO consent_texts (version, entry_id, locale, text, sha256, privacy_url)
     SELECT version, "entryId", locale, text, sha256, "privacyUrl"
       FROM jsonb_to_recordset($1::jsonb)
         AS t(version text, "entryId" text, locale text, text text, sha256 text, "privacyUrl" text)
     ON CONFLICT (version) DO NOTHING`,
    [JSON.stringify(texts)],
  );
  return result.rowCount ?? 0;
}

/**
 * The build's texts stored once per process, before the first lead it files or delivers:
 * `ensure()` resolves when they are kept. A failure (no bundled file, database away) is logged
 * and tried again on the next call; it never holds a lead back (docs/consent.md says why).
 */
export function consentTextKeeper(options: {
  db: SqlClient;
  /** The bundled `.floodgate/consent-texts.json`. */
  read: () => Promise<unknown>;
  log: (message: string) => void;
}) {
  let kept: Promise<void> | undefined;
  return {
    ensure(): Promise<void> {
      kept ??= options
        .read()
        .then((json) => storeConsentTexts(options.db, ConsentTextsSchema.parse(json)))
        .then(
          () => undefined,
          (error: unknown) => {
            kept = undefined;
            const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
            options.log(`consent texts not stored yet (${reason}); trying again with the next lead`);
          },
        );
      return kept;
    },
  };
}
