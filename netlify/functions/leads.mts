/**
 * POST /api/leads: the only thing a campaign form talks to. It validates, files the lead in the
 * durable queue (Netlify Database) and answers; it never calls the CRM (the delivery worker does,
 * at its own pace). All logic lives in src/lib/leads; this file wires it to Netlify's runtime.
 */
import type { Config } from '@netlify/functions';
import { consentTextKeeper } from '../../src/lib/consent/store-consent-texts.ts';
import { withConsentTexts } from '../../src/lib/consent/with-consent-texts.ts';
import { connectDatabase } from '../../src/lib/db/connect.ts';
import type { OwnedSqlClient } from '../../src/lib/db/sql-client.ts';
import { startBackgroundDrain } from '../../src/lib/delivery/background-drain.ts';
import {
  KICK_RESERVATION_MS,
  mayStartDrainer,
  startReservedDrainer,
} from '../../src/lib/delivery/drainer-kick.ts';
import { configuredHandler } from '../../src/lib/env/configured-handler.ts';
import { parseEnv } from '../../src/lib/env/parse-env.ts';
import { secureHandler } from '../../src/lib/http/security-headers.ts';
import { runAfterResponse } from '../../src/lib/netlify/after-response.ts';
import { loggingRefusals, withIntakeLog } from '../../src/lib/leads/intake-log.ts';
import { createLeadEndpoint, type LeadFunctionContext } from '../../src/lib/leads/lead-endpoint.ts';
import { createUnavailablePage } from '../../src/lib/leads/unavailable-page.ts';
import { opsLog } from '../../src/lib/ops/ops-log.ts';
import { countingRefusals, createRefusalRecorder } from '../../src/lib/ops/refusal-recorder.ts';
import { withOutboxFallback } from '../../src/lib/outbox/outbox-fallback.ts';
import { netlifyLeadOutbox } from '../../src/lib/outbox/outbox-store.ts';
import { withEnqueueDeadline } from '../../src/lib/queue/enqueue-deadline.ts';
import type { EnqueueResult } from '../../src/lib/queue/lead-queue.ts';
import { enqueueSql } from '../../src/lib/queue/lead-sql.ts';
import { createPostgresLeadQueue } from '../../src/lib/queue/postgres-lead-queue.ts';
import { DatabaseEnvSchema } from '../../src/schemas/database-env.ts';
import { crmWebhookSecret, DrainerTriggerEnvSchema } from '../../src/schemas/delivery-env.ts';
import { functionSiteUrl } from '../../src/schemas/function-site-env.ts';
import { LeadIntakeEnvSchema } from '../../src/schemas/lead.ts';

const purpose = 'the lead function (netlify/functions/leads.mts)';

/**
 * After a new lead is stored whose enqueue reserved the drainer lease: start the background
 * drainer, so the lead goes out within seconds while an idle site's database sleeps; `waitUntil`
 * keeps the answer from waiting on it. A failure gives the reservation back, leaving the lead to the
 * next lead or the safety net.
 */
const drainerStarter =
  (db: OwnedSqlClient, siteUrl: string, secret: string) =>
  (context: LeadFunctionContext, stored: EnqueueResult) => {
    if (!stored.drainerReserved) return;
    const trigger = () => startBackgroundDrain({ siteUrl, secret, fetch: globalThis.fetch });
    runAfterResponse(
      context,
      async () => {
        if ((await startReservedDrainer({ db, now: Date.now, trigger })) === 'trigger-failed')
          throw new Error('the background drainer did not answer');
      },
      // A warning, not an error: the lead is stored, and the schedule delivers it within minutes.
      (message) =>
        console.warn(`leads: drainer not started (${message}); the scheduled drainer will deliver`),
    );
  };

// Validated once per instance, on the first request: a bad variable is a 503 naming it in the log
// (never a stack trace in the answer); `npm run check:env` and the build refuse it before a deploy.
export default secureHandler(
  configuredHandler(purpose, setup, {
    unavailablePage: createUnavailablePage({ readFormRules, readErrorPages }),
  }),
);

// Written by the build (src/integrations/form-rules.ts) and bundled into this function by Netlify's
// bundler, so each deploy judges posts by its own forms; read once, on first use, so a missing file
// (no build yet) is a logged 503, not a function that fails to start.
async function readFormRules() {
  return (await import('../../.floodgate/form-rules.json', { with: { type: 'json' } })).default;
}
async function readErrorPages() {
  return (await import('../../.floodgate/error-pages.json', { with: { type: 'json' } })).default;
}

function setup() {
  const env = parseEnv(LeadIntakeEnvSchema, process.env, purpose);
  const db = connectDatabase(parseEnv(DatabaseEnvSchema, process.env, purpose), {
    connectTimeoutMs: env.enqueueTimeoutMs,
    // The one statement of every lead: parsed and planned once per connection where allowed.
    prepared: [enqueueSql],
  });
  const drainerEnv = parseEnv(DrainerTriggerEnvSchema, process.env, purpose);
  const drainerUrl = functionSiteUrl(drainerEnv);
  const log = opsLog();

  // The enqueue reserves the drainer lease in its own statement when none is live: one round trip per lead.
  const queue = createPostgresLeadQueue({
    db,
    now: Date.now,
    random: Math.random,
    reserveDrainerForMs: mayStartDrainer(drainerEnv, drainerUrl) ? KICK_RESERVATION_MS : undefined,
  });
  // This deploy's consent texts, stored once per instance before its first lead (docs/consent.md).
  const consentTexts = consentTextKeeper({ db, read: readConsentTexts, log: console.warn });
  const endpoint = createLeadEndpoint({
    env,
    // A database that does not answer in time: the lead goes to the Blobs outbox (src/lib/outbox).
    // One JSON line per lead accepted, replayed or refused (src/lib/leads/intake-log.ts).
    queue: withIntakeLog(
      withOutboxFallback(
        withEnqueueDeadline(withConsentTexts(queue, consentTexts), env.enqueueTimeoutMs),
        netlifyLeadOutbox(),
      ),
      log,
    ),
    afterAccept: drainerUrl ? drainerStarter(db, drainerUrl, crmWebhookSecret(drainerEnv)) : undefined,
    readFormRules,
    readErrorPages,
  });
  // Refusals (400, 409, 413, 429, 503) for /ops/: counted in memory, one upsert every 10 s at most.
  return countingRefusals(loggingRefusals(endpoint, log), createRefusalRecorder({ db, now: Date.now }));
}

/** Written by the build (src/integrations/consent-texts.ts) and bundled like the form rules. */
const readConsentTexts = async (): Promise<unknown> =>
  (await import('../../.floodgate/consent-texts.json', { with: { type: 'json' } })).default;

export const config: Config = {
  path: '/api/leads',
  // Netlify enforces this at the edge in production; the in-code limiter (local runs, tests) reads
  // LEAD_RATE_LIMIT (src/schemas/lead-rate-limit.ts). Netlify reads this config statically, so
  // it must stay a literal: tests/unit/leads-rate-limit-config.test.ts fails if the two differ.
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
