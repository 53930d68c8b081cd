import { envIssues } from './parse-env.ts';
import { functionEnvs, isFeatureOn, type FunctionEnv } from './function-env.ts';

/** One variable a deploy cannot run with, and every function that needs it. */
export interface DeployEnvProblem {
  variable: string;
  message: string;
  functions: string[];
}

/**
 * Every variable the functions of this site would refuse in deploy context `context` (Netlify's
 * `CONTEXT`: production, deploy-preview, branch-deploy, dev), judged by the functions' own schemas
 * with `CONTEXT` set as Netlify sets it for them. One entry per variable, naming its functions.
 */
export function checkDeployEnv(
  env: Record<string, string | undefined>,
  context: string,
  features: readonly FunctionEnv[] = functionEnvs,
): DeployEnvProblem[] {
  const inContext = { ...env, CONTEXT: context };
  const problems = new Map<string, DeployEnvProblem>();
  for (const feature of features) {
    if (!isFeatureOn(feature, inContext)) continue;
    for (const schema of feature.schemas)
      for (const issue of envIssues(schema, inContext)) {
        const known = problems.get(issue.variable);
        if (known) known.functions = [...new Set([...known.functions, ...feature.functions])];
        else problems.set(issue.variable, { ...issue, functions: [...feature.functions] });
      }
  }
  return [...problems.values()];
}

// Where a variable is set, when it is not one of ours to set.
const whereToSet: Record<string, string> = {
  NETLIFY_DB_URL:
    'enable Netlify Database for the site (Extensions › Netlify Database), or set a postgres:// URL',
  NETLIFY_DB_DRIVER: 'set by Netlify Database; remove any override',
};

/** One message for the build log: each variable, why, which functions, and where to set it. */
export function formatDeployEnvProblems(problems: readonly DeployEnvProblem[], context: string): string {
  const lines = problems.map(
    (problem) =>
      `  - ${problem.variable}: ${problem.message} (needed by ${problem.functions.join(', ')})` +
      (whereToSet[problem.variable] ? `; ${whereToSet[problem.variable]}` : ''),
  );
  return [
    `The ${context} deploy is missing configuration its functions need, so nothing was published:`,
    ...lines,
    `Set them in the Netlify UI under Site configuration › Environment variables, for the "${context}"`,
    'context with the Builds and Functions scopes (or `netlify env:set NAME value --context ' +
      context +
      '`),',
    'then deploy again. `npm run check:env -- --context ' + context + '` runs the same check locally;',
    '.env.example says what each variable means.',
  ].join('\n');
}
