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

/** After a failed store, how long leads go on without trying again (so a lasting fault costs no lead a statement). */
export const consentTextRetryMs = 30_000;

/**
 * The build's texts stored once per process, before the first lead it files or delivers:
 * `ensure()` resolves when they are kept. A failure (no bundled file, database away) is logged
 * and tried again with a lead at least `consentTextRetryMs` later; it never holds a lead back
 * (docs/consent.md says why).
 */
export function consentTextKeeper(options: {
  db: SqlClient;
  /** The bundled `.floodgate/consent-texts.json`. */
  read: () => Promise<unknown>;
  log: (message: string) => void;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  let kept: Promise<void> | undefined;
  let failedAt = -Infinity;
  return {
    ensure(): Promise<void> {
      if (kept === undefined && now() - failedAt < consentTextRetryMs) return Promise.resolve();
      kept ??= options
        .read()
        .then((json) => storeConsentTexts(options.db, ConsentTextsSchema.parse(json)))
        .then(
          () => undefined,
          (error: unknown) => {
            kept = undefined;
            failedAt = now();
            const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
            options.log(
              `consent texts not stored yet (${reason}); trying again with a lead in ${consentTextRetryMs / 1000} s`,
            );
          },
        );
      return kept;
    },
  };
}
