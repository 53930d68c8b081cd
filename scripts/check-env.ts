/**
 * `npm run check:env [-- --context production]`: every variable the site's functions need in a
 * deploy context, checked with the functions' own schemas (src/lib/env/function-env.ts). Exits 1
 * with one message naming each missing or invalid variable and where to set it. The Netlify build
 * runs it before anything else (netlify/plugins/check-env), with Netlify's `CONTEXT`.
 */
import { parseArgs } from 'node:util';
import { checkDeployEnv, formatDeployEnvProblems } from '../src/lib/env/deploy-env-check.ts';

const { values } = parseArgs({ options: { context: { type: 'string' } } });
// Netlify sets CONTEXT in every build; a local run without --context checks the dev context.
const context = values.context ?? process.env.CONTEXT ?? 'dev';
const problems = checkDeployEnv(process.env, context);
if (problems.length > 0) {
  console.error(formatDeployEnvProblems(problems, context));
  process.exitCode = 1;
} else {
  console.log(`check:env: every function has what it needs in the ${context} context.`);
}
