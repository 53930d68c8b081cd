import pg from 'pg';

/**
 * Statements a PostgreSQL ran, from `pg_stat_statements` (when the server preloads it): all of them
 * (with `pg_stat_statements.track = all`, trigger statements too) and the top-level ones (round
 * trips). `undefined` where the extension is not available (the emulation, a server without it).
 */
export async function statementCounter(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const available = await client
    .query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
    .then(() => client.query('SELECT pg_stat_statements_reset()'))
    .then(() => true)
    .catch(() => false);
  const own = `query NOT ILIKE '%pg_stat_statements%' AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`;
  return {
    available,
    async reset() {
      if (available) await client.query('SELECT pg_stat_statements_reset()');
    },
    async read(): Promise<
      { all: number; topLevel: number; top: { calls: number; query: string }[] } | undefined
    > {
      if (!available) return undefined;
      const { rows } = await client.query<{ calls: string; toplevel: boolean; query: string }>(
        `SELECT calls, toplevel, query FROM pg_stat_statements WHERE ${own} ORDER BY calls DESC`,
      );
      const sum = (list: typeof rows) => list.reduce((total, row) => total + Number(row.calls), 0);
      return {
        all: sum(rows),
        topLevel: sum(rows.filter((row) => row.toplevel)),
        top: rows
          .slice(0, 6)
          .map((row) => ({ calls: Number(row.calls), query: row.query.replace(/\s+/g, ' ').slice(0, 90) })),
      };
    },
    close: () => client.end(),
  };
}
