/**
 * Every minute: judge the alert rules on the rollups and send a signed message per transition
 * (src/lib/ops/evaluate-alerts.ts), then purge rollups past OPS_ROLLUP_RETENTION_DAYS. Note this
 * schedule keeps Netlify Database awake (it suspends after 5 idle minutes): the price of alerts.
 */
import type { Config } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';
import { runAlertRound } from '../../src/lib/ops/alert-loop.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { OpsEnvSchema } from '../../src/schemas/ops-env.ts';

const purpose = 'the alert schedule (netlify/functions/ops-alerts.mts)';
const env = parseEnv(OpsEnvSchema, process.env, purpose);
const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose), { max: 1 });

export default secureHandler(async () => Response.json(await runAlertRound({ db, env })));

export const config: Config = { schedule: '* * * * *' };
