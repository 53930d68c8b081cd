import type { OwnedSqlClient } from './sql-client.ts';

/** What node-postgres' `Pool`, Neon's `Pool` and PGlite have in common. */
interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount?: number | null }>;
}

/**
 * A pool as the `SqlClient` port. The drivers type rows loosely (`any` or their own row type); the
 * port's callers name the row shape their statement returns, so the one cast lives here.
 */
export function poolClient(pool: Queryable & { end(): Promise<void> }, describe: string): OwnedSqlClient {
  return {
    query: (text, params) => pool.query(text, params ? [...params] : undefined) as never,
    describe,
    close: () => pool.end(),
  };
}
