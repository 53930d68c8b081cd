import { resolve } from 'node:path';
import { NetlifyDB } from '@netlify/database-dev';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { MIGRATIONS_DIRECTORY } from '../../src/lib/db/migrate.ts';
import type { OwnedSqlClient } from '../../src/lib/db/sql-client.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';

/** Where `@netlify/dev` keeps the local emulation's data. */
const LOCAL_DATABASE_DIRECTORY = '.netlify/db';

/**
 * The database `rebuild:status` reads: `NETLIFY_DB_URL` when set (a deployed site's database, any
 * PostgreSQL), otherwise the local emulation's data in `.netlify/db`, opened in this process. The
 * one place to point at the shared script opener (`openScriptDatabase`) once it exists, which also
 * finds the database of a running `npm start`.
 */
export async function openStatusDatabase(projectRoot = process.cwd()): Promise<OwnedSqlClient> {
  if (process.env.NETLIFY_DB_URL) {
    return connectDatabase(parseEnv(DatabaseEnvSchema, process.env, 'rebuild:status'), { max: 4 });
  }
  const directory = resolve(projectRoot, LOCAL_DATABASE_DIRECTORY);
  const db = new NetlifyDB({ directory, logger: () => {} });
  await db.start();
  await db.applyMigrations(MIGRATIONS_DIRECTORY);
  return {
    query: async (text, params) => db.query(text, params ? [...params] : undefined),
    describe: `local (${LOCAL_DATABASE_DIRECTORY})`,
    close: () => db.stop(),
  };
}
