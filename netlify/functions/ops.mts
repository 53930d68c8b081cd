/**
 * /ops/: the launch control room (figures, charts, alerts, confirmed actions) for holders of
 * OPS_TOKEN; off (404) without it. Never pre-rendered or cached. Logic: src/lib/ops.
 */
import type { Config, Context } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';
import { handleOpsPage } from '../../src/lib/ops/handle-ops-page.ts';
import { bundledLaunchSources } from '../../src/lib/ops/launch-sources.ts';
import { opsLog } from '../../src/lib/ops/ops-log.ts';
import { createOpsRoom } from '../../src/lib/ops/ops-room.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { OpsEnvSchema } from '../../src/schemas/ops-env.ts';
import { netlifyLeadOutbox } from '../../src/lib/outbox/outbox-store.ts';

const purpose = 'the ops page (netlify/functions/ops.mts)';
const env = parseEnv(OpsEnvSchema, process.env, purpose);
// Connected on first use: with OPS_TOKEN unset the page is off and needs no database.
let room: ReturnType<typeof createOpsRoom> | undefined;
const opsRoom = () => {
  if (room) return room;
  const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose), {
    max: 2,
    // The room is not latency-critical like the intake: a busy (or waking) database gets time to answer.
    connectTimeoutMs: 15_000,
  });
  return (room = createOpsRoom({
    db,
    env,
    launch: bundledLaunchSources(db, opsLog()),
    outbox: netlifyLeadOutbox(),
  }));
};

export default secureHandler(async (request: Request, context: Context) =>
  env.OPS_TOKEN
    ? handleOpsPage(request, context.ip, opsRoom())
    : new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
);

// Literal paths: Netlify reads `config` by static analysis. The report's are OPS_REPORT_PATHS
// (src/lib/ops/handle-ops-report.ts; tests/integration/ops-report.test.ts routes by this list).
export const config: Config = {
  path: [
    '/ops/',
    '/ops/ops.js',
    '/ops/ops.css',
    '/ops/privacy/',
    '/ops/report/',
    '/ops/report.json',
    '/ops/report.csv',
    '/ops/report/report.css',
    '/ops/report/report.js',
    '/ops/report/chart.js',
  ],
};
