/**
 * `npm run consent:texts -- [--version <version>] [--json]`: the consent texts the database keeps,
 * each under the version leads record (`payload.consent.version`), for a data-protection officer
 * asking what a visitor agreed to. Read-only. See docs/consent.md.
 */
import { z } from 'zod';
import { readConsentTexts } from '../../src/lib/consent/read-consent-texts.ts';
import { parseCli } from '../leads/cli.ts';
import { openScriptDatabase } from '../lib/local-database.ts';

const usage = 'npm run consent:texts -- [--version <entry>:<locale>:<hash>] [--json]';
const args = parseCli(
  z.object({ version: z.string().min(1).optional(), json: z.boolean().optional() }),
  { version: { type: 'string' }, json: { type: 'boolean' } },
  usage,
);

const db = await openScriptDatabase();
try {
  const texts = await readConsentTexts(db, { version: args.version });
  if (args.json) console.log(JSON.stringify(texts, null, 2));
  else {
    console.log(`Consent texts · ${db.describe} · ${texts.length}`);
    for (const text of texts) {
      console.log(`\n${text.version}  first seen ${text.firstSeenAt.toISOString()}`);
      console.log(`  entry ${text.entryId} · ${text.locale} · sha256 ${text.sha256}`);
      console.log(`  privacy page: ${text.privacyUrl ?? 'none (the form showed no privacy link)'}`);
      console.log(`  "${text.text}"`);
    }
  }
  // A version nobody stored is an answer too, but not a silent one.
  if (args.version && texts.length === 0) {
    console.error(`No consent text is stored for ${args.version}.`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
