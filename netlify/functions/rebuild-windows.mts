import type { Config } from '@netlify/functions';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { closeDueWindows } from '../../src/lib/rebuild/close-windows.ts';
import { functionCloserDeps } from '../../src/lib/rebuild/function-deps.ts';
import { RebuildEnvSchema } from '../../src/schemas/webhook-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';

const env = parseEnv(RebuildEnvSchema, process.env, 'the rebuild window closer');

/**
 * The safety net, every minute: closes windows whose background closer never ran and retries
 * windows whose build hook call failed. See docs/publishing.md for why both closers exist.
 */
export default secureHandler(async (): Promise<Response> => {
  const outcome = await closeDueWindows(functionCloserDeps(env));
  console.log(`rebuild: ${JSON.stringify(outcome)}`);
  return new Response(null, { status: 204 });
});

export const config: Config = { schedule: '* * * * *' };
