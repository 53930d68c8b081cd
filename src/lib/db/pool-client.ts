import { hash } from 'node:crypto';
import type { OwnedSqlClient } from './sql-client.ts';

/** What node-postgres' `Pool`, Neon's `Pool` and PGlite have in common. */
interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount?: number | null }>;
}

/** node-postgres' pools (both drivers) also take a named statement; PGlite does not (never `prepared`). */
interface NamingQueryable {
  query(config: { name: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** A stable name for a statement's text: the same on every connection and every instance. */
export const statementName = (text: string) => `floodgate_${hash('sha256', text, 'hex').slice(0, 20)}`;

/**
 * A pool as the `SqlClient` port. The drivers type rows loosely (`any` or their own row type); the
 * port's callers name the row shape their statement returns, so the one cast lives here.
 * `prepared`: statements sent by name (node-postgres prepares each once per connection, then sends
 * only its parameters), where the caller knows the connection keeps them (connect.ts).
 */
export function poolClient(
  pool: Queryable & { end(): Promise<void> },
  describe: string,
  options: { prepared?: readonly string[] } = {},
): OwnedSqlClient {
  const names = new Map((options.prepared ?? []).map((text) => [text, statementName(text)]));
  return {
    query: (text, params) => {
      const values = params ? [...params] : undefined;
      const name = names.get(text);
      if (name) return (pool as unknown as NamingQueryable).query({ name, text, values }) as never;
      return pool.query(text, values) as never;
    },
    describe,
    close: () => pool.end(),
  };
}
