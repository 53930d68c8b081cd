/**
 * Why the intake answered 503, for the log: the error's class and code (a PostgreSQL SQLSTATE such
 * as 42P01 for a missing table, a Node code such as ECONNREFUSED), never its message, which can
 * carry a connection URL or a lead's data.
 */
export function unavailableCause(stage: string, error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? error.code
      : undefined;
  return `${stage}: ${name}${code ? ` ${code}` : ''}${code ? (remedies[code] ?? '') : ''}`;
}

// Causes an operator fixes with a command rather than by waiting: said once, with the command.
// 42P01 (undefined_table) is a database the migrations never reached, e.g. under `netlify dev`.
const remedies: Record<string, string> = {
  '42P01': ' — the migrations are not applied: run `npm run db:migrate`',
};

/**
 * A log that writes each cause once per instance: an outage answered 503 ten thousand times is
 * one line, and a different cause (the table missing, not the server down) is a new line.
 */
export function oncePerCause(log: (message: string) => void): (cause: string) => void {
  const seen = new Set<string>();
  return (cause) => {
    if (seen.has(cause)) return;
    // A bounded memory: after 100 distinct causes something else is wrong; keep logging the news.
    if (seen.size >= 100) seen.clear();
    seen.add(cause);
    log(`lead intake answered 503 (${cause}); later 503s with this cause are not logged again`);
  };
}

/** The process-wide log of 503 causes that the intake uses unless a test passes its own. */
export const logUnavailableCause = oncePerCause((message) => console.error(message));
