import { readFile } from 'node:fs/promises';
import { consentTextsFileBeside } from '../../src/integrations/consent-texts.ts';
import { storeConsentTexts } from '../../src/lib/consent/store-consent-texts.ts';
import type { SqlClient } from '../../src/lib/db/sql-client.ts';
import { defaultFormRulesFile } from '../../src/lib/leads/form-rules-source.ts';
import { ConsentTextsSchema } from '../../src/schemas/consent-text.ts';

/**
 * Store the consent texts of the last local build (`.floodgate/consent-texts.json`) once each, for
 * `npm start`, `db:migrate` and `leads:drain`: the deployed functions store their own bundled copy.
 * No build yet: nothing to store, said once. Returns how many texts were new.
 */
export async function storeBuiltConsentTexts(
  db: SqlClient,
  log: (message: string) => void,
  file = consentTextsFileBeside(process.env.FORM_RULES_FILE ?? defaultFormRulesFile),
): Promise<number> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    log(`No consent texts to store yet: ${file} appears with the next build (npm run build)`);
    return 0;
  }
  return storeConsentTexts(db, ConsentTextsSchema.parse(JSON.parse(text)));
}
