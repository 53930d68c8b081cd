import type { z } from 'zod';

/** One variable that is missing or malformed, and what is wrong with it. */
export interface EnvIssue {
  variable: string;
  message: string;
}

/** A configuration a function cannot run with: which variables, for the log (never for a response). */
export class ConfigurationError extends Error {
  // `name` stays "Error": the message is what people read, and existing snapshots show it so.
  readonly issues: readonly EnvIssue[];

  constructor(message: string, issues: readonly EnvIssue[]) {
    super(message);
    this.issues = issues;
  }

  /** The variables at fault, named once each. */
  get variables(): string[] {
    return [...new Set(this.issues.map((issue) => issue.variable))];
  }
}

// An empty variable is treated as unset, as in most shells' `VAR= command`.
const presentOnly = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));

/** Every variable `schema` refuses in `env`, one issue each; empty when the environment is fine. */
export function envIssues(schema: z.ZodType, env: Record<string, string | undefined>): EnvIssue[] {
  const parsed = schema.safeParse(presentOnly(env));
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    variable: issue.path.join('.') || '(environment)',
    message: issue.code === 'invalid_type' && issue.input === undefined ? 'is not set' : issue.message,
  }));
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
  const parsed = schema.safeParse(presentOnly(env));
  if (parsed.success) return parsed.data;
  const issues = envIssues(schema, env);
  const lines = issues.map((issue) => `  - ${issue.variable}: ${issue.message}`);
  throw new ConfigurationError(
    [`Invalid environment for ${purpose}:`, ...lines, 'See .env.example for what each variable means.'].join(
      '\n',
    ),
    issues,
  );
}
