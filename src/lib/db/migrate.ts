import { fileURLToPath } from 'node:url';
import { applyMigrations } from '@netlify/database-dev';
import type pg from 'pg';

/** `netlify/database/migrations`: where Netlify reads the schema on deploy. */
export const MIGRATIONS_DIRECTORY = fileURLToPath(
  new URL('../../../netlify/database/migrations/', import.meta.url),
);

/**
 * Apply the project's migrations to a database the way Netlify does on deploy (the same runner
 * `@netlify/dev` uses, tracking applied names in `netlify.migrations`). For local servers, ops
 * scripts and tests against the emulation or a real PostgreSQL; each migration is one transaction.
 */
export async function migrate(pool: pg.Pool, directory = MIGRATIONS_DIRECTORY): Promise<string[]> {
  const exec = async (sql: string) => pool.query(sql);
  const query = async <T>(sql: string, params?: unknown[]) =>
    (await pool.query(sql, params)) as unknown as { rows: T[] };
  return applyMigrations(
    {
      exec,
      query,
      async transaction(work) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const run = (sql: string) => client.query(sql);
          const ask = async <T>(sql: string, params?: unknown[]) =>
            (await client.query(sql, params)) as unknown as { rows: T[] };
          const result = await work({ exec: run, query: ask });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
    },
    directory,
  );
}
