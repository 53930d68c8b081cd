/**
 * Every minute: judge the alert rules on the rollups and send a signed message per transition
 * (src/lib/ops/evaluate-alerts.ts), purge rollups past OPS_ROLLUP_RETENTION_DAYS, and send the
 * launch review of each ticket this deploy published or changed (src/lib/ops/review-round.ts,
 * once per ticket version; docs/runbook.md says why a schedule and not deploy-succeeded). Note this
 * schedule keeps Netlify Database awake (it suspends after 5 idle minutes): the price of alerts.
 */
import type { Config } from '@netlify/functions';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';
import { runAlertRound } from '../../src/lib/ops/alert-loop.ts';
import { readLaunchFacts } from '../../src/lib/ops/launch-facts.ts';
import { bundledLaunchReviews, bundledLaunchSources } from '../../src/lib/ops/launch-sources.ts';
import { opsLog } from '../../src/lib/ops/ops-log.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { OpsEnvSchema } from '../../src/schemas/ops-env.ts';

const purpose = 'the alert schedule (netlify/functions/ops-alerts.mts)';
const env = parseEnv(OpsEnvSchema, process.env, purpose);
const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose), { max: 1 });

// The deploy's own launch tickets and content report, and the site's Blobs outbox.
const launch = bundledLaunchSources(db, opsLog());
const reviews = bundledLaunchReviews(opsLog());

export default secureHandler(async () =>
  Response.json(
    await runAlertRound({ db, env, reviews, launchFacts: (now) => readLaunchFacts(launch, now) }),
  ),
);

export const config: Config = { schedule: '* * * * *' };
