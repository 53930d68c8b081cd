import type { z } from 'zod';

/** One variable that is missing or malformed. */
export interface EnvProblem {
  name: string;
  /** `is not set`, or the schema's message for a malformed value. */
  message: string;
}

/** The parsed environment, or every variable that is missing or malformed. */
export function readEnv<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
): { ok: true; data: z.infer<Schema> } | { ok: false; problems: EnvProblem[] } {
  // An empty variable is treated as unset, as in most shells' `VAR= command`.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(present);
  if (parsed.success) return { ok: true, data: parsed.data };
  const problems = parsed.error.issues.map((issue) => ({
    name: issue.path.join('.') || '(environment)',
    message: issue.code === 'invalid_type' && issue.input === undefined ? 'is not set' : issue.message,
  }));
  return { ok: false, problems };
}

/**
 * Parse environment variables once, at start-up, and fail with one line per variable that is
 * missing or malformed, naming it, instead of a zod dump or a crash later on.
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
  purpose: string,
): z.infer<Schema> {
  const read = readEnv(schema, env);
  if (read.ok) return read.data;
  const lines = read.problems.map(({ name, message }) => `  - ${name}: ${message}`);
  throw new Error(
    [`Invalid environment for ${purpose}:`, ...lines, 'See .env.example for what each variable means.'].join(
      '\n',
    ),
  );
}
