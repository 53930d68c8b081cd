import { jsonLine } from '../../src/lib/log/json-line.ts';
import type { OwnedSqlClient } from '../../src/lib/db/sql-client.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { blobsOutbox, OUTBOX_STORE_NAME } from '../../src/lib/outbox/outbox-store.ts';
import type { SubjectDeps } from '../../src/lib/privacy/export-subject.ts';
import { PrivacyArgsSchema, type PrivacyArgs } from '../../src/schemas/privacy-cli.ts';
import { privacyHashSecret, PrivacyEnvSchema } from '../../src/schemas/privacy-env.ts';
import { openScriptStore } from '../lib/blobs.ts';
import { openScriptDatabase } from '../lib/local-database.ts';
import { parseCli } from '../leads/cli.ts';

/** The arguments of `privacy:export` and `privacy:erase`; a mistake prints why and the usage, exit 2. */
export const parseSubjectArgs = (usage: string): PrivacyArgs =>
  parseCli(PrivacyArgsSchema, { email: { type: 'string' }, yes: { type: 'boolean' } }, usage);

/**
 * The secret the site's functions key tombstones with. Against a database named by NETLIFY_DB_URL
 * (a deployed site's) the development default would make tombstones the deployed worker cannot
 * match, so it must be given; exit 2 otherwise.
 */
function subjectSecret(): string {
  const env = parseEnv(PrivacyEnvSchema, process.env, 'privacy requests');
  if (process.env.NETLIFY_DB_URL && !env.PRIVACY_HASH_SECRET) {
    console.error(
      'PRIVACY_HASH_SECRET is not set: with NETLIFY_DB_URL set, use the value the site’s functions have (Netlify › Environment variables), so its worker recognises the erasure.',
    );
    process.exit(2);
  }
  return privacyHashSecret(env);
}

/** Open the database and the outbox (local data, or the deployed site's with NETLIFY_SITE_ID/AUTH_TOKEN), run `work`, close both. */
export async function withSubjectStores<T>(
  work: (deps: SubjectDeps, where: { db: OwnedSqlClient; outbox: string }) => Promise<T>,
): Promise<T> {
  const secret = subjectSecret();
  const db = await openScriptDatabase();
  const store = await openScriptStore(OUTBOX_STORE_NAME).catch(() => undefined);
  try {
    const outbox = store ? blobsOutbox(() => store.store) : undefined;
    return await work(
      { db, outbox, secret, now: Date.now },
      { db, outbox: store?.describe ?? 'not reachable' },
    );
  } finally {
    await store?.close();
    await db.close();
  }
}

/** One JSON line on stderr for the request's audit trail: counts and ids, never the address. */
export const auditLog = (line: Record<string, unknown>) => console.error(jsonLine(line));
