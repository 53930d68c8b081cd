import { getDatabase } from '@netlify/database';
import type { DatabaseEnv } from '../../schemas/database-env.ts';
import type pg from 'pg';
import { poolClient } from './pool-client.ts';
import type { OwnedSqlClient } from './sql-client.ts';

/**
 * The most connections one pool opens, for a host serving many requests at once (`npm start`, the
 * benchmark's server, 50 concurrent posts). Not one per request in flight: every lead's statement
 * updates the same few counter rows (its triggers), so beyond a few statements per core the
 * database spends its CPU on contention, not on leads. Measured on the 2-core machine with
 * PostgreSQL on the same cores (docs/benchmarks.md, issue 20): 8 took the most leads per second,
 * 16 (the earlier default) 20–50 % fewer, 50 about half. On Netlify an instance serves one request
 * at a time and opens connections on demand, so this is rarely reached there.
 */
export const defaultPoolMax = 8;

/**
 * A connection pool to the configured database through `@netlify/database`, which picks Neon's
 * serverless driver or node-postgres from `NETLIFY_DB_DRIVER`. Connections open on demand, so a
 * function instance (one request at a time) holds one or two whatever the maximum; `max` is the
 * caller's default and `DATABASE_POOL_MAX` overrides it for hosts serving many requests at once.
 */
export function connectDatabase(
  env: DatabaseEnv,
  options: {
    max?: number;
    connectTimeoutMs?: number;
    /** Hot statements sent as named prepared statements when `DATABASE_PREPARED_STATEMENTS=true`. */
    prepared?: readonly string[];
  } = {},
): OwnedSqlClient {
  // Both drivers' pools are node-postgres pools underneath (Neon's extends it).
  const { pool } = getDatabase({ connectionString: env.NETLIFY_DB_URL }) as { pool: pg.Pool };
  pool.options.max = env.DATABASE_POOL_MAX ?? options.max ?? defaultPoolMax;
  // A database that does not answer must fail a request quickly (the intake then answers 503).
  pool.options.connectionTimeoutMillis = options.connectTimeoutMs ?? 5_000;
  // An idle pool's connection error must not crash the instance; the next query reports it.
  pool.on('error', () => {});
  return poolClient(pool, describeUrl(env.NETLIFY_DB_URL), {
    prepared: env.DATABASE_PREPARED_STATEMENTS ? options.prepared : undefined,
  });
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
