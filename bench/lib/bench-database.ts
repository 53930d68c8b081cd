import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectToUrl, startLocalDatabase, useDatabaseAt } from '../../scripts/lib/local-database.ts';
import type { OwnedSqlClient } from '../../src/lib/db/sql-client.ts';

/** A benchmark's database: a PostgreSQL given by URL, or Netlify's emulation in a temp directory. */
export interface BenchDatabase extends OwnedSqlClient {
  url: string;
}

/**
 * `--pg <url>`: that server (migrated, then emptied with TRUNCATE — never point it at real data);
 * otherwise a fresh emulation (`@netlify/database-dev`, as `npm start` runs it) in a temp directory.
 */
export async function openBenchDatabase(pgUrl: string | undefined, poolSize = 8): Promise<BenchDatabase> {
  const directory = pgUrl ? undefined : await mkdtemp(join(tmpdir(), 'floodgate-bench-db-'));
  const database = pgUrl ? await useDatabaseAt(pgUrl) : await startLocalDatabase(join(directory!, 'db'));
  const client = connectToUrl(database.url, {
    max: poolSize,
    describe: pgUrl ? 'PostgreSQL (--pg)' : 'Netlify Database emulation (@netlify/database-dev, PGlite)',
  });
  await client.query('TRUNCATE leads CASCADE');
  return {
    ...client,
    url: database.url,
    async close() {
      await client.close();
      await database.stop();
      if (directory) await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Fill the queue with `count` due leads in chunks of one `generate_series` insert each. */
export async function bulkLoadLeads(
  db: OwnedSqlClient,
  count: number,
  receivedAt: number,
  onProgress?: (done: number) => void,
) {
  const chunk = 100_000;
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    await db.query(
      `INSERT INTO leads (id, idempotency_key, fingerprint, state, received_at, due_at, payload)
       SELECT 'bench-' || lpad(g::text, 9, '0'), 'bench-key-' || g, 'bench', 'queued', $3, $3,
              jsonb_build_object('formId', 'bench', 'fields', jsonb_build_object('email', 'lead' || g || '@example.com'))
       FROM generate_series($1::int, $2::int) AS g`,
      [from, to, new Date(receivedAt)],
    );
    onProgress?.(to);
  }
}
