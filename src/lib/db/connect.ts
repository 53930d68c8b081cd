import { getDatabase } from '@netlify/database';
import type { DatabaseEnv } from '../../schemas/database-env.ts';
import type { OwnedSqlClient } from './sql-client.ts';

/**
 * A connection pool to the configured database through `@netlify/database`, which picks Neon's
 * serverless driver or node-postgres from `NETLIFY_DB_DRIVER`. Pools are small: a function instance
 * serves one request at a time, and Postgres counts every connection.
 */
export function connectDatabase(
  env: DatabaseEnv,
  options: { max?: number; connectTimeoutMs?: number } = {},
): OwnedSqlClient {
  const { pool } = getDatabase({ connectionString: env.NETLIFY_DB_URL });
  pool.options.max = options.max ?? 4;
  // A database that does not answer must fail a request quickly (the intake then answers 503).
  pool.options.connectionTimeoutMillis = options.connectTimeoutMs ?? 5_000;
  // An idle pool's connection error must not crash the instance; the next query reports it.
  pool.on('error', () => {});
  return {
    query: (text, params) => pool.query(text, params ? [...params] : undefined),
    describe: describeUrl(env.NETLIFY_DB_URL),
    close: () => pool.end(),
  };
}

/** A database URL an operator can be shown: host, port and database, never the password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured database';
  }
}
