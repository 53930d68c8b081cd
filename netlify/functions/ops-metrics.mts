/** GET /api/ops/metrics: the control room's figures as JSON, for OPS_TOKEN holders. Logic: src/lib/ops. */
import type { Config } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';
import { handleOpsMetrics } from '../../src/lib/ops/handle-ops-metrics.ts';
import { readLaunchFacts, type LaunchSources } from '../../src/lib/ops/launch-facts.ts';
import { bundledLaunchSources } from '../../src/lib/ops/launch-sources.ts';
import { opsLog } from '../../src/lib/ops/ops-log.ts';
import { readOpsMetrics } from '../../src/lib/ops/read-metrics.ts';
import { readUntrackedForms } from '../../src/lib/ops/untracked-forms-panel.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { OpsEnvSchema } from '../../src/schemas/ops-env.ts';

const purpose = 'the ops metrics endpoint (netlify/functions/ops-metrics.mts)';
const env = parseEnv(OpsEnvSchema, process.env, purpose);
let db: ReturnType<typeof connectDatabase> | undefined;
const database = () =>
  (db ??= connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose), {
    max: 1,
    // The room is not latency-critical like the intake: a busy (or waking) database gets time to answer.
    connectTimeoutMs: 15_000,
  }));
let launch: LaunchSources | undefined;

export default secureHandler(async (request: Request) =>
  handleOpsMetrics(request, {
    token: env.OPS_TOKEN,
    now: Date.now,
    metrics: async () => {
      const now = Date.now();
      const figures = await readOpsMetrics(database(), { now, pacePerMinute: env.LEADS_DELIVERY_RATE * 60 });
      // Forecast vs actual, rebuilds, outbox, content report and pauses, as /ops/ shows them.
      launch ??= bundledLaunchSources(database(), opsLog());
      const facts = await readLaunchFacts(launch, now);
      // Live forms no launch ticket covers (as /ops/ lists them).
      return { ...figures, launch: facts, untrackedForms: await readUntrackedForms(launch, now) };
    },
  }),
);

export const config: Config = { path: '/api/ops/metrics' };
