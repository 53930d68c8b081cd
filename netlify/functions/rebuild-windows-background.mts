import type { Config } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { configuredHandler } from '../../src/lib/env/configured-handler.ts';
import { isFeatureOn, rebuildFeature } from '../../src/lib/env/function-env.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { isCloserRequest } from '../../src/lib/rebuild/closer-trigger.ts';
import { functionCloserDeps } from '../../src/lib/rebuild/function-deps.ts';
import { waitAndClose } from '../../src/lib/rebuild/wait-and-close.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { RebuildEnvSchema } from '../../src/schemas/webhook-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';

const purpose = 'the background rebuild window closer (netlify/functions/rebuild-windows-background.mts)';

/**
 * Started by the webhook when an event opens a window (Netlify answers it 202 at once because of
 * the `-background` name): waits the window out, up to 15 minutes being allowed, then closes it.
 */
export default secureHandler(
  configuredHandler(purpose, () => {
    if (!isFeatureOn(rebuildFeature, process.env)) return 'off';
    const env = parseEnv(RebuildEnvSchema, process.env, purpose);
    const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose));
    return async (request: Request) => {
      if (!isCloserRequest(request, env.CONTENTFUL_WEBHOOK_SECRET))
        return new Response(null, { status: 401 });
      const outcome = await waitAndClose(functionCloserDeps(env, db));
      console.log(`rebuild: ${JSON.stringify(outcome)}`);
      return new Response(null, { status: 204 });
    };
  }),
);

export const config: Config = { method: 'POST' };
