import type { z } from 'zod';
import { envIssues, parseEnv, type EnvIssue } from '../../src/lib/env/parse-env.ts';
import { stderrPalette, type Palette } from './colour.ts';

const listed = (items: readonly string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * One line for a command whose settings are missing or wrong: what is off, and how to turn it on.
 * A value that is set but malformed makes it `cannot run` instead of `is off`.
 * `npm run cms:model is off: CONTENTFUL_MANAGEMENT_TOKEN and CONTENTFUL_SPACE_ID are not set; to
 * turn it on, set them in the environment (.env.example says where each value comes from).`
 */
export function settingsLine(command: string, problems: readonly EnvIssue[], colour: Palette): string {
  const unset = problems
    .filter((problem) => problem.message === 'is not set')
    .map((problem) => problem.variable);
  const wrong = problems.filter((problem) => problem.message !== 'is not set');
  const what = [
    ...(unset.length > 0 ? [`${listed(unset)} ${unset.length === 1 ? 'is' : 'are'} not set`] : []),
    // zod's messages for env schemas often start with the variable's name already.
    ...wrong.map(({ variable, message }) =>
      message.startsWith(variable) ? message : `${variable}: ${message}`,
    ),
  ].join('; ');
  const state = wrong.length === 0 ? 'is off' : 'cannot run';
  const fix = wrong.length === 0 ? `set ${unset.length === 1 ? 'it' : 'them'}` : 'fix that';
  return `${colour.bad(`${command} ${state}`)}: ${what}; to turn it on, ${fix} in the environment (.env.example says where each value comes from).`;
}

/**
 * A command-line tool's settings, parsed by `schema`; when they are missing or wrong, the one line
 * above on stderr and exit code 2, never a stack trace.
 */
export function commandSettings<Schema extends z.ZodType>(
  schema: Schema,
  command: string,
  env: Record<string, string | undefined> = process.env,
): z.infer<Schema> {
  const problems = envIssues(schema, env);
  if (problems.length === 0) return parseEnv(schema, env, command);
  console.error(settingsLine(command, problems, stderrPalette()));
  process.exit(2);
}
