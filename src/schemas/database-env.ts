import { z } from 'zod';

/**
 * Where the database is. On Netlify, Netlify Database sets both variables for every function and
 * build; locally, `npm start` (Netlify's own emulation) sets them. Any PostgreSQL ≥ 15 reachable by
 * URL works too: set `NETLIFY_DB_URL` to it (several sites may share one managed Postgres).
 */
export const DatabaseEnvSchema = z.object({
  /** `postgres://user:password@host:port/database`. */
  NETLIFY_DB_URL: z
    .string({ error: 'NETLIFY_DB_URL is not set: enable Netlify Database or set a PostgreSQL URL' })
    .regex(/^postgres(ql)?:\/\/\S+$/, 'NETLIFY_DB_URL must be a postgres:// URL'),
  /** `serverless` selects Neon's WebSocket driver (Netlify's managed database); otherwise node-postgres. */
  NETLIFY_DB_DRIVER: z
    .enum(['server', 'serverless'], { error: 'NETLIFY_DB_DRIVER must be server or serverless' })
    .optional(),
  /**
   * Most connections one function instance's pool opens (they open on demand). On Netlify an
   * instance serves one request at a time, so the default is rarely reached; a host serving many
   * requests from one process (`npm start`, benchmarks) needs about one per concurrent request.
   */
  DATABASE_POOL_MAX: z
    .string()
    .regex(/^\d{1,3}$/, 'DATABASE_POOL_MAX must be a whole number')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, 'DATABASE_POOL_MAX must be between 1 and 500')
        .max(500, 'DATABASE_POOL_MAX must be between 1 and 500'),
    )
    .optional(),
  /**
   * `true`: the statements a function marks as hot (the intake's enqueue) are sent as named
   * prepared statements, parsed and planned once per connection instead of once per lead (about a
   * quarter of the database's CPU per lead, docs/benchmarks.md). Off by default: a pooler in
   * transaction mode older than PgBouncer 1.21 (or without `max_prepared_statements`) hands one
   * connection's statements to another and fails them, and the local emulation is one session
   * shared by every connection. Turn it on for a direct connection to PostgreSQL.
   */
  DATABASE_PREPARED_STATEMENTS: z
    .enum(['true', 'false'], { error: 'DATABASE_PREPARED_STATEMENTS must be true or false' })
    .transform((value) => value === 'true')
    .optional(),
});

export type DatabaseEnv = z.infer<typeof DatabaseEnvSchema>;
