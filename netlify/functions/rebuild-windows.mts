import type { Config } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { configuredHandler } from '../../src/lib/env/configured-handler.ts';
import { isFeatureOn, rebuildFeature } from '../../src/lib/env/function-env.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { closeDueWindows } from '../../src/lib/rebuild/close-windows.ts';
import { functionCloserDeps } from '../../src/lib/rebuild/function-deps.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { RebuildEnvSchema } from '../../src/schemas/webhook-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';

const purpose = 'the rebuild window closer (netlify/functions/rebuild-windows.mts)';

/**
 * The safety net, every 10 minutes: closes windows whose background closer never ran and retries
 * build hook calls that failed after the background closer stopped. One query a run when idle, and
 * runs far enough apart that an idle Netlify Database suspends (after 5 idle minutes). See
 * docs/publishing.md for why both closers exist.
 */
export default secureHandler(
  configuredHandler(purpose, () => {
    // Publishing without a webhook is allowed: then there is nothing to close (404, no log).
    if (!isFeatureOn(rebuildFeature, process.env)) return 'off';
    const env = parseEnv(RebuildEnvSchema, process.env, purpose);
    const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose));
    return async () => {
      const outcome = await closeDueWindows(functionCloserDeps(env, db));
      console.log(`rebuild: ${JSON.stringify(outcome)}`);
      return new Response(null, { status: 204 });
    };
  }),
);

export const config: Config = { schedule: '*/10 * * * *' };
