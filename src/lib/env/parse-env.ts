import type { z } from 'zod';

/**
 * Parse environment variables once, at start-up, and fail with one line per variable that is
 * missing or malformed, naming it, instead of a zod dump or a crash later on.
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
  purpose: string,
): z.infer<Schema> {
  // An empty variable is treated as unset, as in most shells' `VAR= command`.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is not set' : issue.message;
    return `  - ${name}: ${message}`;
  });
  throw new Error(
    [`Invalid environment for ${purpose}:`, ...lines, 'See .env.example for what each variable means.'].join(
      '\n',
    ),
  );
}
