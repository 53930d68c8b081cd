/**
 * The one thing Floodgate needs from a database: run a parameterised statement. `pg.Pool`,
 * Neon's serverless `Pool` (both from `@netlify/database`'s `getDatabase()`) and PGlite all fit.
 * Values always travel as parameters (`$1`), never inside the SQL text.
 */
export interface SqlClient {
  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<{ rows: Row[]; rowCount?: number | null }>;
}

/** A client the caller owns and must close (a pool, a script's connection). */
export interface OwnedSqlClient extends SqlClient {
  /** Where it points, without credentials, for operators: "local (.netlify/db)", a host name. */
  describe: string;
  close(): Promise<void>;
}
