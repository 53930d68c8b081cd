/**
 * `npm run db:migrate`: apply netlify/database/migrations to a database with the runner Netlify
 * uses on deploy. Which database: `NETLIFY_DB_URL` when set (any PostgreSQL, e.g. for
 * `netlify serve`); else the emulation `netlify dev` is running (its address in
 * `.netlify/state.json`); else the local one `npm start` uses (.netlify/db), which `npm start` and
 * `npm run dev` also migrate by themselves.
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { describeUrl } from '../src/lib/db/connect.ts';
import { migrate } from '../src/lib/db/migrate.ts';
import { poolClient } from '../src/lib/db/pool-client.ts';
import type { SqlClient } from '../src/lib/db/sql-client.ts';
import { storeBuiltConsentTexts } from './lib/built-consent-texts.ts';
import { withDefaultUser } from './lib/dev-delivery.ts';
import { openScriptDatabase } from './lib/local-database.ts';

const url = process.env.NETLIFY_DB_URL || (await netlifyDevDatabaseUrl());
if (url) {
  const pool = new pg.Pool({ connectionString: withDefaultUser(url), max: 1 });
  const applied = await migrate(pool)
    .then(async (names) => {
      await storeConsentTextsSaying(poolClient(pool, describeUrl(url)));
      return names;
    })
    .finally(() => pool.end());
  console.log(
    applied.length
      ? `Applied ${applied.length} migrations to ${describeUrl(url)}: ${applied.join(', ')}`
      : `${describeUrl(url)} is up to date.`,
  );
} else {
  // Opening the local database migrates it (or it is npm start's, migrated when it started).
  const db = await openScriptDatabase();
  console.log(`The local database (${db.describe}) is up to date.`);
  await storeConsentTextsSaying(db);
  await db.close();
}

/** The last build's consent texts, each kept once (docs/consent.md), and how many were new. */
async function storeConsentTextsSaying(db: SqlClient): Promise<void> {
  const stored = await storeBuiltConsentTexts(db, console.log);
  if (stored > 0) console.log(`Stored ${stored} new consent texts.`);
}

/** The database emulation a running `netlify dev` started, from the state file it writes. */
async function netlifyDevDatabaseUrl(): Promise<string | undefined> {
  const text = await readFile('.netlify/state.json', 'utf8').catch(() => undefined);
  const state = text ? (JSON.parse(text) as { dbConnectionString?: unknown }) : {};
  return typeof state.dbConnectionString === 'string' ? state.dbConnectionString : undefined;
}
